import { expect, test } from '@playwright/test';
import { tableRows } from '../support/ui.js';

test("a customer's page lists the records that point at it", async ({ page, request }) => {
  const filter = encodeURIComponent('{"customer":{"_empty":false}}');
  const contacts = await (await request.get(`/api/records/contact?limit=1&filter=${filter}`)).json();
  const customerId = contacts.data[0].customer as string;
  const expected = await (await request.get(`/api/records/contact?limit=1&total=true&filter=${encodeURIComponent(JSON.stringify({ customer: { _eq: customerId } }))}`)).json();

  await page.goto(`/records/customer/${customerId}`);
  const related = page.locator('[data-related="contact.customer"]');
  await expect(related).toContainText('Contacts');
  await expect(tableRows(related)).toHaveCount(Math.min(expected.total, 5));
  await expect(page.locator('[data-related="order.customer"]')).toBeVisible();
  await expect(page.locator('[data-related="service_ticket.customer"]')).toBeVisible();

  // A row opens that record; its reference back to the customer is a link.
  await tableRows(related).first().click();
  await expect(page).toHaveURL(/\/records\/contact\/[0-9a-f-]{36}$/);
  await page.locator('[data-field="customer"] a').click();
  await expect(page).toHaveURL(new RegExp(`/records/customer/${customerId}$`));
});
