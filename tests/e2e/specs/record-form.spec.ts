import { expect, test } from '@playwright/test';
import { choose, fillField } from '../support/ui.js';

test('a customer is created through the form, shown on its page, then edited', async ({ page }) => {
  const name = `E2E Customer ${Date.now()}`;
  await page.goto('/records/customer');
  await page.locator('.record-list-view__new').click();
  await expect(page).toHaveURL(/\/records\/customer\/new$/);

  // Nothing filled in: the browser's schema check stops the save and says why, under the field.
  await page.locator('.record-edit-view__save').click();
  await expect(page.locator('[data-field="name"] [role="alert"]')).toHaveText('This field is required');
  await expect(page.locator('[data-field="customer_type"] [role="alert"]')).toHaveText('This field is required');
  await expect(page).toHaveURL(/\/records\/customer\/new$/);

  // A decimal that is not a number is refused as well.
  await fillField(page, 'annual_revenue', '12,5');
  await page.locator('.record-edit-view__save').click();
  await expect(page.locator('[data-field="annual_revenue"] [role="alert"]')).toContainText('number');
  await fillField(page, 'annual_revenue', '1250000.50');

  await fillField(page, 'name', name);
  await choose(page, page.locator('[data-field="customer_type"]'), 'Enterprise');
  await fillField(page, 'city', 'Hangzhou');
  await page.locator('.record-edit-view__save').click();

  await expect(page).toHaveURL(/\/records\/customer\/[0-9a-f-]{36}$/);
  await expect(page.locator('.record-detail-view__title')).toHaveText(name);
  await expect(page.locator('[data-field="customer_type"] dd')).toHaveText('Enterprise');
  await expect(page.locator('[data-field="annual_revenue"] dd')).toHaveText('1250000.50 CNY');
  await expect(page.locator('[data-field="city"] dd')).toHaveText('Hangzhou');

  // Edit: the unsaved-changes guard holds us on the page first.
  await page.locator('.record-detail-view__edit').click();
  await expect(page).toHaveURL(/\/edit$/);
  await fillField(page, 'city', 'Suzhou');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.el-message-box')).toContainText('unsaved changes');
  await page.locator('.el-message-box').getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await page.locator('.record-edit-view__save').click();
  await expect(page).toHaveURL(/\/records\/customer\/[0-9a-f-]{36}$/);
  await expect(page.locator('[data-field="city"] dd')).toHaveText('Suzhou');
  await expect(page.locator('.record-fields__meta')).toContainText('Version 2');
});

test('an edit based on a stale version offers to reload theirs or overwrite', async ({ page, request }) => {
  const created = await request.post('/api/records/customer', { data: { name: `Conflict ${Date.now()}`, customer_type: 'individual' } });
  const record = await created.json();
  await page.goto(`/records/customer/${record.id}/edit`);
  await fillField(page, 'city', 'Mine');
  // Someone else saves first.
  const theirs = await request.patch(`/api/records/customer/${record.id}`, { data: { city: 'Theirs' }, headers: { 'if-match': '"1"' } });
  expect(theirs.status()).toBe(200);

  await page.locator('.record-edit-view__save').click();
  const dialog = page.locator('.conflict-dialog');
  await expect(dialog).toContainText('Someone else changed this record');
  await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
  await expect(page).toHaveURL(new RegExp(`/records/customer/${record.id}$`));
  await expect(page.locator('[data-field="city"] dd')).toHaveText('Mine');
  await expect(page.locator('.record-fields__meta')).toContainText('Version 3');
});
