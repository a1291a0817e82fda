import { expect, test, type Browser, type Page } from '@playwright/test';
import { choose, setUserLocale, signInAs, snap, waitForTable } from '../support/ui.js';

/** Words the UI shows as they are in every language (product names, keys, language names). */
const ALLOWED = new Set(['CNY', 'USD', 'EUR', 'HKD', 'CRM', 'Ctrl', 'Enter', 'Esc', 'Tab', 'Alt', 'Shift', 'Space', 'English', 'Español', 'JSON', 'API']);

/**
 * The UI's own texts on screen (visible text and placeholders), leaving out data: table bodies,
 * cards, field values, the user's name and department, and the language names in the switch.
 */
async function uiTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const data = '[data-department], .el-table__body, .kanban__card, .record-fields dd, .app-header__who, .language-switch, .el-select-dropdown, .el-select__selected-item, .el-input__inner, .record-detail-view__title, .el-popper, .field-table code, [data-field-row], .version-history code, .definition-diff';
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !parent || parent.closest(data) || parent.closest('script, style')) continue;
      if (!parent.checkVisibility()) continue;
      texts.push(text);
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (input.checkVisibility() && !input.closest('.language-switch')) texts.push(input.placeholder);
    }
    return texts;
  });
}

function english(texts: string[]): string[] {
  // Words of three letters or more; identifiers (loyalty_level) are names, not text.
  return texts.filter((text) => (text.match(/[A-Za-zÀ-ÿ_]{3,}/g) ?? []).some((word) => !ALLOWED.has(word) && !word.includes('_')));
}

test('the language switch changes every label on the screen, and is remembered for the user', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { context, page } = await signInAs(browser, baseURL!, 'admin');
  await setUserLocale(page, 'en');
  // The other tests expect the administrator in English: put it back whatever happens here.
  try {
    await checkLanguages(page, browser, baseURL!);
  } finally {
    await setUserLocale(page, null);
    await context.close();
  }
});

async function checkLanguages(page: Page, browser: Browser, baseURL: string): Promise<void> {
  const customers = await (await page.request.get('/api/records/customer?limit=1')).json();
  const screens = ['/records/customer', `/records/customer/${customers.data[0].id}`, '/records/customer/new', '/admin/entities/customer', '/admin/roles', '/admin/organisation', '/records/opportunity?mode=kanban&by=stage'];

  await page.goto(screens[0]!);
  await waitForTable(page);
  const before = await uiTexts(page);
  expect(english(before).length).toBeGreaterThan(10);

  await choose(page, page.locator('.app-header'), '中文');
  await expect(page.locator('.side-nav [data-entity="customer"]')).toHaveText('客户');
  for (const screen of screens) {
    await page.goto(screen);
    await expect(page.locator('.page-header h1, .record-detail-view__title').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(english(await uiTexts(page)), `English left on ${screen}`).toEqual([]);
  }
  await page.goto(screens[0]!);
  await waitForTable(page);
  await snap(page, 'list-zh-CN');

  // The choice follows the user: a new browser session starts in Chinese.
  const second = await signInAs(browser, baseURL, 'admin');
  await second.page.goto('/records/customer');
  await expect(second.page.locator('.side-nav [data-entity="customer"]')).toHaveText('客户');
  await second.context.close();

  // Spanish: none of the English texts of the list is left (words spelt the same in both aside).
  await choose(page, page.locator('.app-header'), 'Español');
  await expect(page.locator('.side-nav [data-entity="customer"]')).toHaveText('Clientes');
  await waitForTable(page);
  await page.waitForLoadState('networkidle');
  const spanish = new Set(await uiTexts(page));
  expect(before.filter((text) => spanish.has(text) && english([text]).length > 0)).toEqual([]);
  await page.goto('/records/customer/new');
  await expect(page.locator('.record-edit-view h1')).toHaveText('Nuevo: Cliente');
}
