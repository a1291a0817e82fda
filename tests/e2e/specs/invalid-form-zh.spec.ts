import { expect, test } from '@playwright/test';
import { fillField, setUserLocale, signInAs, snap } from '../support/ui.js';

test('an end user working in Chinese sees what is wrong under each field, from the browser and from the server', async ({ browser, baseURL }) => {
  const { context, page } = await signInAs(browser, baseURL!, 'li.na');
  await setUserLocale(page, 'zh-CN');
  await page.goto('/records/customer/new');
  await expect(page.locator('.record-edit-view h1')).toHaveText('新建客户');

  // Nothing filled in: the schema check in the browser.
  await page.locator('.record-edit-view__save').click();
  await expect(page.locator('[data-field="name"] [role="alert"]')).toHaveText('此字段为必填项');
  await expect(page.locator('[data-field="customer_type"] [role="alert"]')).toHaveText('此字段为必填项');
  await fillField(page, 'annual_revenue', '十万');
  await page.locator('.record-edit-view__save').click();
  await expect(page.locator('[data-field="annual_revenue"] [role="alert"]')).toHaveText('请输入最多 4 位小数的数字，例如 1234.56');
  // The first field in error has the focus.
  await expect(page.locator('[data-field="name"] input')).toBeFocused();
  await snap(page, 'form-errors-zh');

  // The server refuses a discount beyond her role's limit: the message is under the field, in Chinese.
  const orders = await (await page.request.get('/api/records/order?limit=1')).json();
  const order = orders.data[0];
  await page.goto(`/records/order/${order.id}/edit`);
  await fillField(page, 'discount_pct', '15');
  await page.locator('.record-edit-view__save').click();
  await expect(page.locator('[data-field="discount_pct"] [role="alert"]')).toHaveText('你的角色最多允许 10');
  await expect(page).toHaveURL(/\/edit$/);

  await setUserLocale(page, null);
  await context.close();
});
