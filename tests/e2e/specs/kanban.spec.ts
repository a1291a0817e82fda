import { expect, test } from '@playwright/test';
import { snap } from '../support/ui.js';

// Drop near the column's header: its middle may be below the fold, and scrolling to it while the
// mouse button is down would start the drag on another card.
const DROP_AT_TOP = { targetPosition: { x: 120, y: 20 } };

test('dragging a card on the opportunity board changes its stage; a stale card goes back and says why', async ({ page, request }) => {
  await page.goto('/records/opportunity');
  await page.locator('.record-list-view__mode').getByText('Board').click();
  await expect(page).toHaveURL(/mode=kanban&by=stage/);
  const prospecting = page.locator('[data-kanban-column="prospecting"]');
  const qualification = page.locator('[data-kanban-column="qualification"]');
  await expect(prospecting.locator('[data-card]').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const count = async (column: typeof prospecting) => Number(await column.locator('.kanban__count').textContent());
  const before = { prospecting: await count(prospecting), qualification: await count(qualification) };

  const card = prospecting.locator('[data-card]').first();
  const id = (await card.getAttribute('data-card'))!;
  await card.dragTo(qualification, DROP_AT_TOP);
  await expect(qualification.locator(`[data-card="${id}"]`)).toBeVisible();
  await expect.poll(async () => (await (await request.get(`/api/records/opportunity/${id}`)).json()).stage).toBe('qualification');
  await expect.poll(() => count(prospecting)).toBe(before.prospecting - 1);
  await expect.poll(() => count(qualification)).toBe(before.qualification + 1);
  // (A full-page screenshot resizes the page for a moment: taken after the drag, not before.)
  await snap(page, 'kanban');
  await page.mouse.move(0, 0);

  // Someone else changes a card after the board loaded: the move is refused with 409 and undone.
  const stale = prospecting.locator('[data-card]').first();
  const staleId = (await stale.getAttribute('data-card'))!;
  const current = await (await request.get(`/api/records/opportunity/${staleId}`)).json();
  const changed = await request.patch(`/api/records/opportunity/${staleId}`, { data: { probability: 11 }, headers: { 'if-match': `"${current.version}"` } });
  expect(changed.status()).toBe(200);
  await stale.dragTo(qualification, DROP_AT_TOP);
  await expect(page.locator('.kanban__refusal')).toContainText('changed by someone else');
  await expect(prospecting.locator(`[data-card="${staleId}"]`)).toBeVisible();
  await expect(qualification.locator(`[data-card="${staleId}"]`)).toHaveCount(0);
  expect((await (await request.get(`/api/records/opportunity/${staleId}`)).json()).stage).toBe('prospecting');
  await snap(page, 'kanban-refused');

  // The keyboard moves a card too: Alt+→ to the next column.
  const keyed = prospecting.locator(`[data-card="${staleId}"]`);
  await keyed.focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(qualification.locator(`[data-card="${staleId}"]`)).toBeVisible();
  await expect.poll(async () => (await (await request.get(`/api/records/opportunity/${staleId}`)).json()).stage).toBe('qualification');
});
