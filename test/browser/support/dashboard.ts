import type { Browser } from 'playwright-core';
import { startSyncTestApp } from '../../support/delighted-fixtures';
import { TestApp, createEnvironmentWithKeys } from '../../support/test-app';
import {
  ensureClientBuilt,
  launchBrowser,
  listen,
  openPage,
  type WatchedPage,
} from '../../../tools/harness/browser';
import { seedAnalytics } from './seed';

export type Keys = Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

/** The service with the built client, Chromium, and one seeded environment, for a spec file. */
export interface Dashboard {
  test: TestApp;
  baseUrl: string;
  browser: Browser;
  environmentId: string;
  keys: Keys;
  /** A fresh page, closed with the dashboard. */
  page(options?: Parameters<typeof openPage>[1]): Promise<WatchedPage>;
  close(): Promise<void>;
}

export const ZONE = 'Europe/Berlin';

export async function startDashboard(
  options: { start?: () => Promise<TestApp>; seed?: boolean } = {},
): Promise<Dashboard> {
  ensureClientBuilt();
  const test = await (options.start ?? (() => startSyncTestApp()))();
  const baseUrl = await listen(test);
  const browser = await launchBrowser();
  const { environmentId, keys } = await createEnvironmentWithKeys(test, 'Browser product', ZONE);
  if (options.seed !== false) await seedAnalytics(test, keys, environmentId);
  const pages: WatchedPage[] = [];
  return {
    test,
    baseUrl,
    browser,
    environmentId,
    keys,
    async page(pageOptions = {}) {
      const watched = await openPage(browser, pageOptions);
      pages.push(watched);
      return watched;
    },
    async close() {
      for (const watched of pages) await watched.close().catch(() => undefined);
      await browser.close();
      await test.close();
    },
  };
}
