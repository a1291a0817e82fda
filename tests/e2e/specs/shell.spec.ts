import { expect, test, type Page } from '@playwright/test';
import { choose, setUserLocale } from '../support/ui.js';

test('navigation comes from the entity list and follows the language switch', async ({ page }) => {
  // The language is remembered for the user: give the administrator English back afterwards.
  try {
    await switchLanguages(page);
  } finally {
    await setUserLocale(page, null);
  }
});

async function switchLanguages(page: Page): Promise<void> {
  await page.goto('/');
  const nav = page.locator('.side-nav');
  await expect(nav.locator('[data-entity="customer"]')).toHaveText('Customers');
  await expect(nav.locator('[data-entity="service_ticket"]')).toBeVisible();

  await choose(page, page.locator('.app-header'), '中文');
  await expect(nav.locator('[data-entity="customer"]')).toHaveText('客户');
  await expect(nav.locator('[data-entity="contact"]')).toHaveText('联系人');
  await expect(page.locator('.app-header__name')).toHaveText('CRM 管理后台');

  // The choice is remembered.
  await page.reload();
  await expect(nav.locator('[data-entity="customer"]')).toHaveText('客户');

  await choose(page, page.locator('.app-header'), 'Español');
  await expect(nav.locator('[data-entity="customer"]')).toHaveText('Clientes');
}
