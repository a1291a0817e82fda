import { expect, test } from '@playwright/test';
import { choose, columnTexts, snap, tableRows } from '../support/ui.js';

test("a record's timeline shows its interactions and its changes", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const customer = await (await request.post('/api/records/customer', { data: { name: `Timeline ${suffix}`, customer_type: 'individual', city: 'Hangzhou' } })).json();
  await request.post('/api/records/activity', { data: { subject: `Called about the bill ${suffix}`, channel: 'call', direction: 'inbound', occurred_at: new Date().toISOString(), customer: customer.id } });
  await request.patch(`/api/records/customer/${customer.id}`, { data: { city: 'Ningbo' }, headers: { 'if-match': '"1"' } });

  await page.goto(`/records/customer/${customer.id}`);
  const timeline = page.locator('.record-timeline');
  await expect(timeline.locator('[data-timeline="interaction"]')).toContainText(`Called about the bill ${suffix}`);
  await expect(timeline.locator('[data-timeline="interaction"]')).toContainText('Phone call · Inbound');
  await expect(timeline.locator('[data-changed-field="city"]')).toHaveText('City: Hangzhou → Ningbo');
  await expect(timeline.locator('[data-timeline="change"]').last()).toContainText('created the record');
  await expect(page.locator('[data-related="activity.customer"]')).toContainText(`Called about the bill ${suffix}`);
  await snap(page, 'record-page-timeline');

  await timeline.getByText('Interactions').click();
  await expect(timeline.locator('[data-timeline="change"]')).toHaveCount(0);
  await timeline.locator('.record-timeline__log').click();
  await expect(page).toHaveURL(new RegExp(`/records/activity/new\\?customer=${customer.id}`));
});

test('bulk actions on ticked rows report each row: a stale row fails alone', async ({ page, request }) => {
  const prefix = `Bulk ${Date.now().toString(36)}`;
  const created = await (await request.post('/api/records/customer/bulk', { data: { records: ['A', 'B', 'C'].map((n) => ({ name: `${prefix} ${n}`, customer_type: 'individual' })) } })).json();
  await page.goto('/records/customer');
  await page.locator('.filter-builder__add').click();
  const condition = page.locator('[data-condition="0"]');
  await choose(page, condition.locator('.filter-condition__field'), 'Name');
  await condition.locator('.filter-condition__value input').fill(prefix);
  await page.locator('.filter-builder__apply').click();
  await expect(tableRows(page)).toHaveCount(3);
  await page.locator('.record-table .el-table__header .el-checkbox').click();
  await expect(page.locator('.bulk-bar__count')).toHaveText('3 rows selected');

  // Someone changes B after the list loaded.
  const b = created.data.find((r: { name: string }) => r.name === `${prefix} B`);
  await request.patch(`/api/records/customer/${b.id}`, { data: { city: 'Elsewhere' }, headers: { 'if-match': '"1"' } });

  await page.locator('.bulk-bar__field').click();
  const dialog = page.locator('.bulk-field-dialog');
  await choose(page, dialog.locator('.bulk-field-dialog__field'), 'Tier');
  await choose(page, dialog.locator('[data-field="tier"]'), 'VIP');
  await dialog.locator('.bulk-field-dialog__apply').click();
  const results = page.locator('.bulk-results');
  await expect(results.locator('.bulk-results__summary')).toHaveText('2 done, 1 failed');
  await expect(results.locator('tr', { has: page.locator(`[data-result="${b.id}"]`) })).toContainText('changed');
  await snap(page, 'bulk-results');
  await results.locator('.bulk-results__close').click();
  await expect.poll(() => columnTexts(page, 'tier')).toEqual(expect.arrayContaining(['VIP', 'VIP', 'Standard']));

  // Delete all three.
  await page.locator('.record-table .el-table__header .el-checkbox').click();
  await page.locator('.bulk-bar__delete').click();
  await page.locator('.el-message-box').getByRole('button', { name: 'Delete' }).click();
  await expect(results.locator('.bulk-results__summary')).toHaveText('3 done, 0 failed');
  await results.locator('.bulk-results__close').click();
  await expect(page.locator('.record-list-view .el-empty')).toContainText('No records match the filter');
});
