import { expect, test } from '@playwright/test';

test.use({ storageState: { cookies: [], origins: [] } });

// Budget for the JavaScript the first screen needs (the build measured 379 kB when this was set).
const FIRST_SCREEN_BUDGET = 420 * 1024;

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
