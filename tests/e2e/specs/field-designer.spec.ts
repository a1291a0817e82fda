import { expect, test } from '@playwright/test';

test('a field added in the designer shows up in the form at once', async ({ page }) => {
  const field = `loyalty_${Date.now().toString(36)}`;
  await page.goto('/admin/entities/customer');
  await expect(page.locator('[data-field-row="name"]')).toBeVisible();

  await page.locator('.entity-designer-view__add').click();
  const dialog = page.locator('.field-dialog');
  await dialog.locator('.field-dialog__name input').fill(field);
  // Labels missing: the dialog says so before asking the server.
  await dialog.locator('.field-dialog__submit').click();
  await expect(dialog.locator('.field-dialog__problem')).toContainText('every language');

  await dialog.locator('.field-dialog__label-en input').fill('Loyalty level');
  await dialog.locator('.field-dialog__label-zh-CN input').fill('忠诚度等级');
  await dialog.locator('.field-dialog__label-es input').fill('Nivel de fidelidad');
  await dialog.locator('.field-dialog__submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-field-row="${field}"]`)).toBeVisible();
  await expect(page.locator('.version-history li').first()).toContainText(`Field added: ${field}`);

  // The diff of the new version names the added field.
  await page.locator('.version-history li').first().click();
  await expect(page.locator('[data-diff="added"]')).toContainText(field);

  // Without reloading the page, the form of a new customer has the field.
  await page.getByRole('button', { name: 'Open list' }).click();
  await page.locator('.record-list-view__new').click();
  await expect(page.locator(`[data-field="${field}"]`)).toContainText('Loyalty level');

  // A server refusal is shown as the server words it.
  await page.goto('/admin/entities/customer');
  await page.locator('.entity-designer-view__add').click();
  await dialog.locator('.field-dialog__name input').fill(field);
  await dialog.locator('.field-dialog__label-en input').fill('Again');
  await dialog.locator('.field-dialog__label-zh-CN input').fill('再次');
  await dialog.locator('.field-dialog__label-es input').fill('Otra vez');
  await dialog.locator('.field-dialog__submit').click();
  await expect(dialog.locator('.field-dialog__server-error')).toBeVisible();

  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A type change existing data does not fit is refused with the server's report.
  await page.locator('.field-table tr', { has: page.locator('[data-field-row="city"]') }).getByRole('button', { name: 'Edit' }).click();
  await expect(dialog.locator('.field-dialog__name input')).toHaveValue('city');
  await dialog.locator('.field-dialog__type').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: /^\s*Integer\s*$/ }).click();
  await dialog.locator('.field-dialog__submit').click();
  await expect(dialog.locator('.field-dialog__server-error')).toContainText('existing records do not fit the new type');
});
