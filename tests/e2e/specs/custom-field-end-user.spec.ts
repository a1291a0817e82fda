import { expect, test } from '@playwright/test';
import { cell, choose, fillField, setUserLocale, signInAs, snap, tableRows } from '../support/ui.js';

test('an administrator adds a field to customers; an end user sees it at once in the form and the list, fills it and filters by it', async ({ page, browser, baseURL }) => {
  const suffix = Date.now().toString(36);
  const field = `loyalty_card_${suffix}`;
  const card = `LC-${suffix}`;

  // The administrator adds the field, as a list column too.
  await page.goto('/admin/entities/customer');
  await page.locator('.entity-designer-view__add').click();
  const dialog = page.locator('.field-dialog');
  await dialog.locator('.field-dialog__name input').fill(field);
  await dialog.locator('.field-dialog__label-en input').fill('Loyalty card');
  await dialog.locator('.field-dialog__label-zh-CN input').fill('会员卡号');
  await dialog.locator('.field-dialog__label-es input').fill('Tarjeta de fidelidad');
  await dialog.locator('.field-dialog__in-list').click();
  await dialog.locator('.field-dialog__submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-field-row="${field}"]`)).toBeVisible();

  // A sales representative, in her own browser, without any restart.
  const { context, page: rep } = await signInAs(browser, baseURL!, 'li.na');
  await setUserLocale(rep, 'en');
  await rep.goto('/records/customer');
  await expect(rep.locator(`.record-table__header[data-column="${field}"]`)).toHaveText('Loyalty card');

  await rep.locator('.record-list-view__new').click();
  await expect(rep.locator(`[data-field="${field}"]`)).toContainText('Loyalty card');
  const name = `Card holder ${suffix}`;
  await fillField(rep, 'name', name);
  await choose(rep, rep.locator('[data-field="customer_type"]'), 'Individual');
  await fillField(rep, field, card);
  await rep.locator('.record-edit-view__save').click();
  await expect(rep).toHaveURL(/\/records\/customer\/[0-9a-f-]{36}$/);
  await expect(rep.locator(`[data-field="${field}"] dd`)).toHaveText(card);

  // Back in the list: filter by the new field.
  await rep.goto('/records/customer');
  await rep.locator('.filter-builder__add').click();
  const condition = rep.locator('[data-condition="0"]');
  await choose(rep, condition.locator('.filter-condition__field'), 'Loyalty card');
  await condition.locator('.filter-condition__value input').fill(card);
  await rep.locator('.filter-builder__apply').click();
  await expect(tableRows(rep)).toHaveCount(1);
  await expect(await cell(rep, tableRows(rep).first(), field)).toHaveText(card);
  await expect(await cell(rep, tableRows(rep).first(), 'name')).toHaveText(name);
  await snap(rep, 'list-custom-field-filter');
  await context.close();
});
