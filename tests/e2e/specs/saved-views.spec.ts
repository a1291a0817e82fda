import { expect, test } from '@playwright/test';
import { choose, columnTexts, setUserLocale, signInAs, snap, waitForTable } from '../support/ui.js';

test('saved views keep filter, sort and columns; a shared one reaches other users, a personal one does not', async ({ page, request, browser, baseURL }) => {
  const viewName = `Gold customers ${Date.now().toString(36)}`;
  await page.goto('/records/customer');
  await waitForTable(page);

  // Filter Tier = Gold, sort by name, drop the city column.
  await page.locator('.filter-builder__add').click();
  const condition = page.locator('[data-condition="0"]');
  await choose(page, condition.locator('.filter-condition__field'), 'Tier');
  await choose(page, condition.locator('.filter-condition__value'), 'Gold');
  await page.locator('.filter-builder__apply').click();
  await page.locator('.record-table__header[data-column="name"]').click();
  await page.locator('.column-chooser__button').click();
  await page.locator('[data-column-option="city"]').click();
  await page.keyboard.press('Escape');
  await expect(page.locator('.record-table__header[data-column="city"]')).toHaveCount(0);

  await page.locator('.view-bar__save-as').click();
  const dialog = page.locator('.save-view-dialog');
  await dialog.locator('.save-view-dialog__name input').fill(viewName);
  await dialog.locator('.save-view-dialog__shared').click();
  await dialog.locator('.save-view-dialog__submit').click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/view=/);
  await expect(page.locator('.view-bar__shared')).toBeVisible();

  // Back to the default view, then pick the saved one again.
  await choose(page, page.locator('.view-bar'), 'Default view');
  await expect(page.locator('[data-condition]')).toHaveCount(0);
  await choose(page, page.locator('.view-bar'), viewName);
  await expect(page.locator('[data-condition="0"] .filter-condition__field')).toContainText('Tier');
  const gold = (await (await request.get(`/api/records/customer?limit=1&total=true&filter=${encodeURIComponent('{"tier":{"_eq":"gold"}}')}`)).json()).total;
  await expect(page.locator('.cursor-pager__total')).toHaveText(`${gold} records in total`);
  await expect(page.locator('.record-table__header[data-column="name"]')).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('.record-table__header[data-column="city"]')).toHaveCount(0);
  const sorted = (await (await request.get(`/api/records/customer?limit=5&sort=name&filter=${encodeURIComponent('{"tier":{"_eq":"gold"}}')}`)).json()).data.map((r: { name: string }) => r.name);
  await expect.poll(async () => (await columnTexts(page, 'name')).slice(0, 5)).toEqual(sorted);
  await snap(page, 'saved-view');

  // A reload opens the same view from the URL.
  await page.reload();
  await expect(page.locator('.cursor-pager__total')).toHaveText(`${gold} records in total`);

  // A sales representative sees the shared view, applied to her own records, and may not change it.
  const { context, page: rep } = await signInAs(browser, baseURL!, 'li.na');
  await setUserLocale(rep, 'en');
  await rep.goto('/records/customer');
  await waitForTable(rep);
  await choose(rep, rep.locator('.view-bar'), viewName);
  const hers = (await (await rep.request.get(`/api/records/customer?limit=1&total=true&filter=${encodeURIComponent('{"tier":{"_eq":"gold"}}')}`)).json()).total;
  expect(hers).toBeLessThan(gold);
  await expect(rep.locator('.cursor-pager__total')).toHaveText(new RegExp(`^${hers} records? in total$`));
  await expect(rep.locator('.view-bar__delete')).toHaveCount(0);
  await expect(rep.locator('.view-bar__save')).toHaveCount(0);

  // Her own view stays hers.
  const personal = `Mine ${Date.now().toString(36)}`;
  await rep.locator('.view-bar__save-as').click();
  await expect(rep.locator('.save-view-dialog__shared')).toHaveCount(0);
  await rep.locator('.save-view-dialog__name input').fill(personal);
  await rep.locator('.save-view-dialog__submit').click();
  await expect(rep).toHaveURL(/view=/);
  await context.close();
  const adminViews = (await (await request.get('/api/views?entity=customer')).json()).data as { name: string }[];
  expect(adminViews.map((v) => v.name)).toContain(viewName);
  expect(adminViews.map((v) => v.name)).not.toContain(personal);
});
