import { expect, type Locator, type Page } from '@playwright/test';

/** Opens an Element Plus select inside `container` and picks the option with that exact text. */
export async function choose(page: Page, container: Locator, option: string): Promise<void> {
  const select = container.locator('xpath=descendant-or-self::*[contains(concat(" ", normalize-space(@class), " "), " el-select ")]').first();
  await select.click();
  const item = page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^\\s*${escape(option)}\\s*$`) }).first();
  await item.click();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rows of the first generated list table on the page. */
export function tableRows(scope: Page | Locator): Locator {
  return scope.locator('.record-table .el-table__body tr.el-table__row');
}

/** The text of column `index` in every row of the table. */
export async function columnTexts(scope: Page | Locator, index: number): Promise<string[]> {
  return tableRows(scope).evaluateAll((rows, i) => rows.map((row) => row.querySelectorAll('td')[i]?.textContent?.trim() ?? ''), index);
}

export async function waitForTable(scope: Page | Locator): Promise<void> {
  await expect(tableRows(scope).first()).toBeVisible();
}

/** Fills a text input of the generated form. */
export async function fillField(page: Page, field: string, value: string): Promise<void> {
  await page.locator(`[data-field="${field}"] input, [data-field="${field}"] textarea`).first().fill(value);
}
