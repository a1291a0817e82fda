import { expect, test } from '@playwright/test';

test.use({ storageState: { cookies: [], origins: [] } });

// Budget for the JavaScript the sign-in screen needs: the entry (379 kB when this was set) plus the
// screen's own chunk and its inputs, 440 kB in all; the whole UI loaded up front was over 1,080 kB.
const FIRST_SCREEN_BUDGET = 480 * 1024;

test('the first screen loads a small part of the JavaScript; each screen brings its own', async ({ page }) => {
  const scripts: { url: string; bytes: number }[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), bytes: (await response.body()).length });
  });
  await page.goto('/sign-in');
  await expect(page.locator('.sign-in__submit')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const total = scripts.reduce((sum, script) => sum + script.bytes, 0);
  expect(total, scripts.map((s) => `${s.url} ${s.bytes}`).join('\n')).toBeLessThan(FIRST_SCREEN_BUDGET);
  // The form (with ajv), the designers and the other languages are not part of it.
  expect(scripts.map((s) => s.url).filter((url) => /RecordEditView|EntityDesignerView|RolesView|zh-CN|\/es-/.test(url))).toEqual([]);
});
