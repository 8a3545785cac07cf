import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Browser, ConsoleMessage, LaunchOptions, Page, chromium } from 'playwright-core';
import type { NestExpressApplication } from '@nestjs/platform-express';

const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Builds client/dist when it is missing or older than its sources. Call before starting the app:
 * the service picks client/dist or the placeholder when it starts.
 */
export function ensureClientBuilt(): void {
  execSync('node client/scripts/build-if-needed.mjs', { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Debian's Chromium, headless. `options` may turn off playwright's own signal handlers (on Ctrl-C
 * it closes the browser and exits the process), for callers that close it in their own cleanup.
 */
export async function launchBrowser(
  options: Pick<LaunchOptions, 'handleSIGINT' | 'handleSIGTERM' | 'handleSIGHUP'> = {},
): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    ...options,
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The app listening on a free loopback port; returns its base URL. */
export async function listen(test: { app: NestExpressApplication }): Promise<string> {
  await test.app.listen(0, '127.0.0.1');
  const address = test.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh context and page that records console errors and uncaught exceptions. */
export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return { page, errors, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
