import { defineConfig } from '@playwright/test';

/**
 * E2E: Debian's Chromium (or CHROMIUM_PATH) loads the test build of the extension from
 * .output/chrome-mv3-test; `npm run test:e2e` builds it first. One worker: this machine has
 * two cores and audio tests are timing-sensitive.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
