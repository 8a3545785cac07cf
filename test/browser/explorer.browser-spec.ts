import type { Browser, Page, Request } from 'playwright-core';
import { TestApp, createEnvironmentWithKeys, startTestApp } from '../support/test-app';
import {
  ensureClientBuilt,
  launchBrowser,
  listen,
  openPage,
  screenshot,
  type WatchedPage,
} from '../../tools/harness/browser';

// Callbacks given to waitForFunction/evaluate run in the page; this file is type-checked without
// the DOM library, so it declares the little of the page they use.
declare const sessionStorage: { getItem(key: string): string | null };
declare const window: {
  addEventListener(type: string, listener: (event: { violatedDirective: string }) => void): void;
  __violations: string[];
};

const ENVIRONMENT = 'Explorer product';

/** Every request the page (and its workers) makes, and the GraphQL POSTs among them. */
interface Traffic {
  urls: string[];
  graphql: Request[];
}

async function watchTraffic(watched: WatchedPage, baseUrl: string): Promise<Traffic> {
  const traffic: Traffic = { urls: [], graphql: [] };
  const context = watched.page.context();
  // Anything for another origin is recorded and refused, so the test also proves the page
  // works without it.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    traffic.urls.push(url);
    if (url.startsWith(`${baseUrl}/`)) void route.continue();
    else void route.abort();
  });
  context.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') {
      traffic.graphql.push(request);
    }
  });
  // CSP violations are console errors too; this names the directive when one happens.
  await context.addInitScript(() => {
    window.__violations = [];
    window.addEventListener('securitypolicyviolation', (event) =>
      window.__violations.push(event.violatedDirective),
    );
  });
  return traffic;
}

/** Replaces the operation in GraphiQL's (Monaco) editor, without Monaco's auto-closing. */
async function setQuery(p: Page, query: string): Promise<void> {
  await p.locator('.graphiql-query-editor .monaco-editor').click();
  await p.keyboard.press('ControlOrMeta+A');
  await p.keyboard.press('Delete');
  await p.keyboard.insertText(query);
}

const compact = (text: string) => text.replace(/\s+/g, '');

describe('GraphQL explorer in Chromium', () => {
  let test: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let keys: Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    test = await startTestApp();
    baseUrl = await listen(test);
    browser = await launchBrowser();
    ({ keys } = await createEnvironmentWithKeys(test, ENVIRONMENT));
  });
  afterAll(async () => {
    for (const watched of pages) await watched.close().catch(() => undefined);
    await browser?.close();
    await test?.close();
  });

  async function page(): Promise<WatchedPage> {
    const watched = await openPage(browser, { width: 1280, height: 800 });
    pages.push(watched);
    return watched;
  }

  it('asks for a key, runs a query with it, shows the docs, and never leaves 127.0.0.1', async () => {
    const watched = await page();
    const p = watched.page;
    const traffic = await watchTraffic(watched, baseUrl);
    const response = await p.goto(`${baseUrl}/graphql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");

    // Without a key it says what to paste.
    await p.getByRole('heading', { name: 'GraphQL explorer' }).waitFor();
    expect(await p.locator('main').innerText()).toMatch(/Paste an API key/);
    await screenshot(p, 'explorer-key');
    await p.getByLabel('API key').fill(keys.ANALYST);
    await p.getByRole('button', { name: 'Use this key' }).click();
    await p.locator('.graphiql-query-editor').waitFor();
    expect(await p.getByTestId('explorer-role').innerText()).toBe('ANALYST');
    expect(await p.evaluate(() => sessionStorage.getItem('nps.apiKey'))).toBe(keys.ANALYST);

    const query = '{ environments { id name } }';
    const expected = await test.ok(keys.ANALYST, query);
    await setQuery(p, query);
    await p.getByRole('button', { name: /^Execute query/ }).click();
    const answer = p.locator('.graphiql-response .view-lines');
    await answer.getByText(ENVIRONMENT, { exact: false }).waitFor();
    // Monaco draws spaces as U+00A0 and lines as elements: compare without whitespace.
    expect(compact(await answer.innerText())).toBe(compact(JSON.stringify({ data: expected })));
    const sent = traffic.graphql.find((request) => request.postData()?.includes('environments'));
    expect(sent?.headers()['authorization']).toBe(`Bearer ${keys.ANALYST}`);
    expect(sent?.headers()['content-type']).toBe('application/json');

    // The docs come from the schema file: introspection is off and never asked for.
    await p.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = p.locator('.graphiql-doc-explorer');
    const queryType = docs.locator('.graphiql-doc-explorer-type-name', { hasText: /^Query$/ });
    await queryType.click();
    await docs
      .locator('.graphiql-doc-explorer-field-name', { hasText: /^environments$/ })
      .waitFor();
    await screenshot(p, 'explorer');

    expect(traffic.graphql.map((request) => request.postData() ?? '')).not.toContainEqual(
      expect.stringMatching(/__schema|__type\b/),
    );
    expect(traffic.urls).toContain(`${baseUrl}/graphql/schema.graphql`);
    expect(traffic.urls.filter((url) => url.includes(keys.ANALYST))).toEqual([]);
    expect(traffic.urls.filter((url) => !url.startsWith(`${baseUrl}/`))).toEqual([]);
    expect(await p.evaluate(() => window.__violations)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('says why a key is refused and does not keep it', async () => {
    const watched = await page();
    const p = watched.page;
    await p.goto(`${baseUrl}/graphql`);
    await p.getByLabel('API key').fill('not-a-key-of-this-service');
    await p.getByRole('button', { name: 'Use this key' }).click();
    await p.getByTestId('explorer-notice').waitFor();
    await screenshot(p, 'explorer-key-refused');
    expect(await p.getByTestId('explorer-notice').innerText()).toBe(
      'This API key is unknown or has been revoked.',
    );
    expect(await p.evaluate(() => sessionStorage.getItem('nps.apiKey'))).toBeNull();
    expect(await p.locator('.graphiql-query-editor').count()).toBe(0);
    expect(watched.errors).toEqual([]);
  });
});
