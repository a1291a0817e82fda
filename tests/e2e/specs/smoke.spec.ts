import { expect, test } from '@playwright/test';
import { tableRows, waitForTable, watchErrors } from '../support/ui.js';

test('every screen of every entity renders without errors', async ({ page, request }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const entities = ((await (await request.get('/api/meta/entities')).json()).data as { name: string }[]).map((e) => e.name);
  await page.goto('/');
  for (const entity of entities) {
    await page.locator(`.side-nav [data-entity="${entity}"]`).click();
    await waitForTable(page);
    await page.locator('.filter-builder__add').click();
    await expect(page.locator('[data-condition="0"]')).toBeVisible();

    await tableRows(page).first().click();
    await expect(page.locator('.record-detail-view__title')).not.toBeEmpty();

    await page.locator('.record-detail-view__edit').click();
    await expect(page.locator('.record-form')).toBeVisible();

    await page.goto(`/records/${entity}/new`);
    await expect(page.locator('.record-form')).toBeVisible();

    await page.goto(`/admin/entities/${entity}`);
    await expect(page.locator('.field-table')).toBeVisible();
    await page.locator('.field-table').getByRole('button', { name: 'Edit' }).first().click();
    await expect(page.locator('.field-dialog')).toBeVisible();
    await page.locator('.field-dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.goto('/');
  }
  for (const [path, ready] of [
    ['/admin/entities', '[data-entity-row="customer"]'],
    ['/admin/roles', '.role-editor'],
    ['/admin/organisation', '.organisation-view__users'],
    ['/search?q=a', '.search-view [data-search-group]'],
    ['/records/service_ticket?mode=kanban&by=status', '.kanban [data-card]'],
  ] as const) {
    await page.goto(path);
    await expect(page.locator(ready).first()).toBeVisible();
  }
  expect(errors).toEqual([]);
});
