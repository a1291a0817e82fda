import { expect, test } from '@playwright/test';
import { cell, choose, columnTexts, snap, tableRows, waitForTable } from '../support/ui.js';

test('the customers list filters by a field, sorts by a header and pages by cursor', async ({ page, request }) => {
  await page.goto('/');
  await page.locator('.side-nav [data-entity="customer"]').click();
  await expect(page).toHaveURL(/\/records\/customer$/);
  await waitForTable(page);
  await expect(page.locator('.cursor-pager__total')).toContainText('records in total');

  // Filter: Tier equals Gold.
  await page.locator('.filter-builder__add').click();
  const condition = page.locator('[data-condition="0"]');
  await choose(page, condition.locator('.filter-condition__field'), 'Tier');
  await expect(condition.locator('.filter-condition__operator')).toContainText('equals');
  await choose(page, condition.locator('.filter-condition__value'), 'Gold');
  await page.locator('.filter-builder__apply').click();

  const golds = await request.get(`/api/records/customer?limit=1&total=true&filter=${encodeURIComponent('{"tier":{"_eq":"gold"}}')}`);
  const goldTotal = (await golds.json()).total as number;
  expect(goldTotal).toBeGreaterThan(0);
  await expect(page.locator('.cursor-pager__total')).toHaveText(`${goldTotal} records in total`);
  const tiers = await columnTexts(page, 'tier');
  expect(tiers.length).toBeGreaterThan(0);
  expect(new Set(tiers)).toEqual(new Set(['Gold']));

  // Sort by name (server-side): the first row is the API's first row for the same query.
  const header = page.locator('.record-table__header[data-column="name"]');
  await header.click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const first = await request.get(`/api/records/customer?limit=1&sort=name&filter=${encodeURIComponent('{"tier":{"_eq":"gold"}}')}`);
  await expect(await cell(page, tableRows(page).first(), 'name')).toHaveText((await first.json()).data[0].name);

  await header.click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const last = await request.get(`/api/records/customer?limit=1&sort=-name&filter=${encodeURIComponent('{"tier":{"_eq":"gold"}}')}`);
  await expect(await cell(page, tableRows(page).first(), 'name')).toHaveText((await last.json()).data[0].name);
  await snap(page, 'list-filtered-sorted');

  // Clear the filter and walk one page forward and back.
  await page.locator('.filter-builder__clear').click();
  const all = (await (await request.get('/api/records/customer?limit=1&total=true')).json()).total as number;
  await expect(page.locator('.cursor-pager__total')).toHaveText(`${all} records in total`);
  await expect(page.locator('.cursor-pager__page')).toHaveText('Page 1');
  const firstPageNames = await columnTexts(page, 'name');
  await page.locator('.cursor-pager__next').click();
  await expect(page.locator('.cursor-pager__page')).toHaveText('Page 2');
  await expect.poll(() => columnTexts(page, 'name')).not.toEqual(firstPageNames);
  await page.locator('.cursor-pager__previous').click();
  await expect(page.locator('.cursor-pager__page')).toHaveText('Page 1');
  await expect.poll(() => columnTexts(page, 'name')).toEqual(firstPageNames);
});
