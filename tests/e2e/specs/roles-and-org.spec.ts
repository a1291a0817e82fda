import { expect, test } from '@playwright/test';
import { choose, setUserLocale, signInAs, snap } from '../support/ui.js';

test('the roles editor hides a field from a role; a new role and a new user get exactly what they were given', async ({ page, browser, baseURL, request }) => {
  const suffix = Date.now().toString(36);
  await page.goto('/admin/roles');
  await page.locator('[data-role-item="sales_rep"]').click();
  const editor = page.locator('.role-editor');
  const customerRow = editor.locator('[data-grant="customer"]');
  await expect(customerRow.locator('[data-action="read"] input')).toBeChecked();
  await customerRow.locator('.role-editor__rules').click();
  const website = editor.locator('[data-grant-fields="customer"] [data-field-rule="website"]');
  await website.getByText('Hidden').click();
  await snap(page, 'roles-editor');
  await editor.locator('.role-editor__save').click();
  await expect(page.locator('.el-message--success')).toContainText('saved');

  // The sales representative no longer has the website field.
  const { context, page: rep } = await signInAs(browser, baseURL!, 'li.na');
  await setUserLocale(rep, 'en');
  const customer = (await (await rep.request.get('/api/records/customer?limit=1')).json()).data[0];
  await rep.goto(`/records/customer/${customer.id}`);
  await expect(rep.locator('[data-field="name"]')).toBeVisible();
  await expect(rep.locator('[data-field="website"]')).toHaveCount(0);
  await context.close();

  // Undo it, so other tests find the role as shipped.
  await page.reload();
  await page.locator('[data-role-item="sales_rep"]').click();
  await editor.locator('[data-grant="customer"] .role-editor__rules').click();
  await editor.locator('[data-grant-fields="customer"] [data-field-rule="website"]').getByText('Visible').click();
  await editor.locator('.role-editor__save').click();
  await expect(page.locator('.el-message--success')).toBeVisible();

  // A new role that may only read products.
  await page.locator('.roles-view__new').click();
  await editor.locator('.role-editor__name input').fill(`trainee_${suffix}`);
  await editor.locator('.role-editor__label-en input').fill(`Trainee ${suffix}`);
  await editor.locator('.role-editor__label-zh-CN input').fill(`实习生 ${suffix}`);
  await editor.locator('.role-editor__label-es input').fill(`Becario ${suffix}`);
  await editor.locator('[data-grant="product"] [data-action="read"]').click();
  await choose(page, editor.locator('[data-grant="product"] .role-editor__scope'), 'All records');
  await editor.locator('.role-editor__save').click();
  await expect(page.locator(`[data-role-item="trainee_${suffix}"]`)).toBeVisible();

  // A department and a user with that role, created in the organisation screen.
  await page.goto('/admin/organisation');
  await page.locator('.organisation-view__new-department').click();
  const department = page.locator('.department-dialog');
  await department.locator('.department-dialog__name input').fill(`Training ${suffix}`);
  await choose(page, department.locator('.department-dialog__parent'), '总部 Head office');
  await department.locator('.department-dialog__save').click();
  await expect(page.locator(`[data-department="Training ${suffix}"]`)).toBeVisible();

  await page.locator(`[data-department="Training ${suffix}"]`).click();
  await page.locator('.organisation-view__new-user').click();
  const userDialog = page.locator('.user-dialog');
  await userDialog.locator('.user-dialog__username input').fill(`trainee.${suffix}`);
  await userDialog.locator('.user-dialog__display-name input').fill(`Trainee ${suffix}`);
  await userDialog.locator('.user-dialog__password input').fill('trainee-password-1');
  await choose(page, userDialog.locator('.user-dialog__roles'), `Trainee ${suffix}`);
  await userDialog.locator('.el-dialog__title').click();
  await userDialog.locator('.user-dialog__save').click();
  await expect(userDialog).toBeHidden();
  await expect(page.locator(`[data-user="trainee.${suffix}"]`)).toBeVisible();
  await snap(page, 'organisation');

  const trainee = await signInAs(browser, baseURL!, `trainee.${suffix}`, 'trainee-password-1');
  await trainee.page.goto('/');
  await expect(trainee.page.locator('.side-nav [data-entity]')).toHaveText(['Products']);
  await expect(trainee.page.locator('.app-header__department')).toHaveText(`Training ${suffix}`);
  await expect(trainee.page.locator('.app-header__role')).toHaveText([`Trainee ${suffix}`]);
  await expect(trainee.page.locator('.side-nav [data-nav="roles"]')).toHaveCount(0);
  await trainee.context.close();

  // The trainee leaves: their records pass to a colleague and they can no longer sign in.
  const users = (await (await request.get('/api/org/users')).json()).data as { id: string; username: string }[];
  const traineeId = users.find((u) => u.username === `trainee.${suffix}`)!.id;
  const owned = await request.post('/api/records/company', { data: { name: `Trainee company ${suffix}`, owner_id: traineeId } });
  expect(owned.status()).toBe(201);
  await page.reload();
  await page.locator('.organisation-view__users tr', { has: page.locator(`[data-user="trainee.${suffix}"]`) }).locator('.organisation-view__transfer').click();
  const transfer = page.locator('.transfer-dialog');
  await choose(page, transfer.locator('.transfer-dialog__to'), '李娜 Li Na');
  await transfer.locator('.transfer-dialog__run').click();
  await expect(transfer.locator('[data-moved="company"]')).toHaveText('Companies: 1');
  await transfer.getByRole('button', { name: 'Close', exact: true }).click();
  const moved = await (await request.get(`/api/records/company/${(await owned.json()).id}`)).json();
  expect(moved.owner_id).toBe(users.find((u) => u.username === 'li.na')!.id);
  await expect(page.locator(`[data-user="trainee.${suffix}"]`)).toHaveCount(0);
  const refused = await request.post('/api/auth/sign-in', { data: { username: `trainee.${suffix}`, password: 'trainee-password-1' } });
  expect(refused.status()).toBe(401);
});
