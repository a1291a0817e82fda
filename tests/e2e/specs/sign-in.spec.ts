import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD } from '../e2e-env.js';

test.use({ storageState: { cookies: [], origins: [] } });

test('without a session the UI asks to sign in, then returns to the page', async ({ page, playwright, baseURL }) => {
  // The administrator's remembered language would apply on sign-in: make it English.
  const admin = await playwright.request.newContext({ baseURL });
  await admin.post('/api/auth/sign-in', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  await admin.patch('/api/auth/me', { data: { locale: 'en' } });
  await admin.dispose();
  const anonymous = await playwright.request.newContext({ baseURL });
  const me = await anonymous.get('/api/auth/me');
  await anonymous.dispose();
  expect(me.status()).toBe(401);

  await page.goto('/records/customer');
  await expect(page).toHaveURL(/\/sign-in\?redirect=/);
  await page.locator('.sign-in__username input').fill('admin');
  await page.locator('.sign-in__password input').fill('wrong password');
  await page.locator('.sign-in__submit').click();
  await expect(page.locator('.sign-in [role="alert"]')).toBeVisible();

  await page.locator('.sign-in__password input').fill(ADMIN_PASSWORD);
  await page.locator('.sign-in__submit').click();
  await expect(page).toHaveURL(/\/records\/customer$/);
  await expect(page.locator('.side-nav [data-entity="customer"]')).toHaveText('Customers');
  await expect(page.locator('.record-table .el-table__row').first()).toBeVisible();
  await expect(page.locator('.app-header__user')).not.toBeEmpty();
});
