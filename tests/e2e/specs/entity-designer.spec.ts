import { expect, test } from '@playwright/test';
import { cell, fillField, snap, tableRows } from '../support/ui.js';

test('a new entity created in the designer gets working list and form screens, with the layout the designer gives it', async ({ page }) => {
  const name = `meter_${Date.now().toString(36)}`;
  await page.goto('/admin/entities');
  await expect(page.locator('[data-entity-row="customer"]')).toBeVisible();
  await page.locator('.entities-view__new').click();
  const dialog = page.locator('.create-entity-dialog');
  await dialog.locator('.create-entity-dialog__name input').fill(name);
  for (const [locale, singular, plural] of [['en', 'Meter', 'Meters'], ['zh-CN', '电表', '电表'], ['es', 'Medidor', 'Medidores']]) {
    await dialog.locator(`.create-entity-dialog__label-${locale} input`).fill(singular!);
    await dialog.locator(`.create-entity-dialog__plural-${locale} input`).fill(plural!);
  }
  await dialog.locator('.create-entity-dialog__submit').click();
  await expect(page).toHaveURL(new RegExp(`/admin/entities/${name}$`));
  // The navigation knows the entity at once.
  await expect(page.locator(`.side-nav [data-entity="${name}"]`)).toHaveText('Meters');

  // Two more fields; the second becomes a list column.
  const addField = async (field: string, en: string, zh: string, es: string, inList: boolean) => {
    await page.locator('.entity-designer-view__add').click();
    const fieldDialog = page.locator('.field-dialog');
    await fieldDialog.locator('.field-dialog__name input').fill(field);
    await fieldDialog.locator('.field-dialog__label-en input').fill(en);
    await fieldDialog.locator('.field-dialog__label-zh-CN input').fill(zh);
    await fieldDialog.locator('.field-dialog__label-es input').fill(es);
    if (inList) await fieldDialog.locator('.field-dialog__in-list').click();
    await fieldDialog.locator('.field-dialog__submit').click();
    await expect(fieldDialog).toBeHidden();
    await expect(page.locator(`[data-field-row="${field}"]`)).toBeVisible();
  };
  await addField('location', 'Location', '安装位置', 'Ubicación', false);
  await addField('serial_no', 'Serial number', '出厂编号', 'Número de serie', true);

  // Reorder: the serial number moves above the location.
  await page.locator('.field-table tr', { has: page.locator('[data-field-row="serial_no"]') }).locator('.field-table__up').click();
  await expect.poll(() => page.locator('[data-field-row]').allTextContents()).toEqual(['name', 'serial_no', 'location']);
  await snap(page, 'designer-fields');

  // Layout: one section "Identity" with the name and serial number; the location falls under "More fields".
  await page.getByRole('tab', { name: 'Form and list layout' }).click();
  await page.locator('.layout-editor__add-section').click();
  const section = page.locator('[data-layout-section="0"]');
  await section.locator('.layout-editor__section-label-en input').fill('Identity');
  await section.locator('.layout-editor__section-label-zh-CN input').fill('标识');
  await section.locator('.layout-editor__section-label-es input').fill('Identidad');
  for (const label of ['Name', 'Serial number']) {
    await section.locator('.ordered-names__add').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^\\s*${label}\\s*$`) }).click();
  }
  await snap(page, 'designer-layout');
  await page.locator('.layout-editor__save').click();
  await expect(page.locator('.el-message--success')).toBeVisible();

  // The list works: empty at first, with a way to create the first record.
  await page.locator(`.side-nav [data-entity="${name}"]`).click();
  await expect(page.locator('.record-list-view .el-empty')).toContainText('No Meters yet');
  await page.locator('.record-list-view .el-empty').getByRole('button', { name: 'Create the first one' }).click();
  await expect(page.locator('[data-section="identity"] .record-form__title')).toHaveText('Identity');
  await expect(page.locator('[data-section="identity"] [data-field]')).toHaveCount(2);
  await expect(page.locator('[data-section="_more"] [data-field="location"]')).toBeVisible();
  await page.locator('.record-edit-view__save').click();
  await expect(page.locator('[data-field="name"] [role="alert"]')).toHaveText('This field is required');
  await fillField(page, 'name', 'M-0001');
  await fillField(page, 'serial_no', 'SN-42');
  await fillField(page, 'location', 'Basement');
  await page.locator('.record-edit-view__save').click();
  await expect(page.locator('.record-detail-view__title')).toHaveText('M-0001');

  await page.locator('.side-nav').locator(`[data-entity="${name}"]`).click();
  await expect(tableRows(page)).toHaveCount(1);
  await expect(await cell(page, tableRows(page).first(), 'serial_no')).toHaveText('SN-42');
});
