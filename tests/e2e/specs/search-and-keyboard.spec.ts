import { expect, test } from '@playwright/test';
import { snap, tableRows, waitForTable } from '../support/ui.js';

test('the global search finds records of every entity and opens one from the keyboard', async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const customer = await (await request.post('/api/records/customer', { data: { name: `Searchable ${suffix} Ltd`, customer_type: 'enterprise' } })).json();
  await request.post('/api/records/contact', { data: { name: `Searchable ${suffix} Wang`, customer: customer.id, phone: '+86 21 5555 0101' } });

  await page.goto('/');
  const box = page.locator('.global-search__input');
  await expect(box).toBeVisible();
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await box.fill(`searchable ${suffix}`);
  await expect(page.locator('[data-search-group="customer"]')).toContainText(`Searchable ${suffix} Ltd`);
  await expect(page.locator('[data-search-group="contact"]')).toContainText(`Searchable ${suffix} Wang`);
  await expect(page.locator('[data-search-group="customer"] h4')).toHaveText('Customers');
  await snap(page, 'global-search');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/records/customer/${customer.id}$`));

  // Enter with nothing picked shows all results.
  await box.fill('5555 0101');
  await expect(page.locator('[data-search-group="contact"]')).toBeVisible();
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=5555/);
  await expect(page.locator('.search-view [data-search-group="contact"]')).toContainText(`Searchable ${suffix} Wang`);
});

test('the list is usable from the keyboard', async ({ page }) => {
  await page.goto('/records/customer');
  await waitForTable(page);
  const second = await tableRows(page).nth(1).locator('td').nth(1).textContent();
  await page.locator('.record-table-wrap').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(tableRows(page).nth(1)).toHaveClass(/current-row/);
  await page.keyboard.press(' ');
  await expect(page.locator('.bulk-bar__count')).toHaveText('1 row selected');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/records\/customer\/[0-9a-f-]{36}$/);
  await expect(page.locator('.record-detail-view__title')).toHaveText(second!.trim());

  // The form: the first field has the focus, Enter moves on, Esc leaves.
  await page.goto('/records/customer/new');
  await expect(page.locator('[data-field="name"] input')).toBeFocused();
  await page.keyboard.type('Keyboard Co');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-field="name"] input')).not.toBeFocused();
});
