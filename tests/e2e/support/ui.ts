import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD } from '../e2e-env.js';

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

/**
 * The text of one column in every row of the table: by field name (the column whose header is
 * that field), or by position among the cells.
 */
export async function columnTexts(scope: Page | Locator, column: number | string): Promise<string[]> {
  const table = scope.locator('.record-table').first();
  return table.evaluate((element, wanted) => {
    let index = typeof wanted === 'number' ? wanted : -1;
    if (typeof wanted === 'string') {
      const headers = [...element.querySelectorAll('.el-table__header th')];
      index = headers.findIndex((th) => th.querySelector(`[data-column="${wanted}"]`));
    }
    return [...element.querySelectorAll('.el-table__body tr.el-table__row')].map((row) => row.querySelectorAll('td')[index]?.textContent?.trim() ?? '');
  }, column);
}

/** The cell of `field` in a row. */
export async function cell(scope: Page | Locator, row: Locator, field: string): Promise<Locator> {
  const headers = await scope.locator('.record-table .el-table__header th').evaluateAll((ths, wanted) => ths.findIndex((th) => th.querySelector(`[data-column="${wanted}"]`)), field);
  return row.locator('td').nth(headers);
}

export async function waitForTable(scope: Page | Locator): Promise<void> {
  await expect(tableRows(scope).first()).toBeVisible();
}

/** Fills a text input of the generated form. */
export async function fillField(page: Page, field: string, value: string): Promise<void> {
  await page.locator(`[data-field="${field}"] input, [data-field="${field}"] textarea`).first().fill(value);
}

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');

/** A screenshot of the screen as a user sees it, kept as test-results/screenshots/<name>.png. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  // Let transitions and toasts settle so the picture shows the screen, not an animation frame.
  await page.waitForTimeout(400);
  // The page scrolls inside the shell's main area: grow the window to the content for the picture.
  const size = page.viewportSize();
  const height = await page.evaluate(() => {
    const main = document.querySelector('.app-shell__main');
    return main ? main.scrollHeight + main.getBoundingClientRect().top : document.body.scrollHeight;
  });
  if (size && height > size.height) await page.setViewportSize({ width: size.width, height: Math.min(Math.ceil(height), 3000) });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  if (size) await page.setViewportSize(size);
}

/** A separate browser session signed in as another user (the demo users share one password). */
export async function signInAs(browser: Browser, baseURL: string, username: string, password = ADMIN_PASSWORD): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] }, locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const response = await context.request.post('/api/auth/sign-in', { data: { username, password } });
  if (!response.ok()) throw new Error(`sign-in of ${username} failed: ${response.status()} ${await response.text()}`);
  const page = await context.newPage();
  return { context, page };
}

/** Collects uncaught errors, console errors (a missing translation is one) and Vue warnings of the page. */
export function watchErrors(page: Page, options: { allowStatus?: number[] } = {}): string[] {
  const errors: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400 && !(options.allowStatus ?? []).includes(response.status())) {
      errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if ((message.type() === 'error' && !message.text().startsWith('Failed to load resource')) || (message.type() === 'warning' && message.text().startsWith('[Vue warn]'))) {
      errors.push(message.text());
    }
  });
  return errors;
}

/** Sets the signed-in user's language through the API (it is remembered per user). */
export async function setUserLocale(page: Page, locale: string | null): Promise<void> {
  // A switch made in the page saves in the background: let it land first, so this one wins.
  await page.waitForLoadState('networkidle');
  const response = await page.request.patch('/api/auth/me', { data: { locale } });
  expect(response.ok()).toBe(true);
}
