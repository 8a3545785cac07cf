import { readFileSync } from 'node:fs';
import type { DelightedSimulator } from '../../tools/delighted-simulator/delighted-simulator';
import { formatCount, formatNps, formatPoints } from '../../client/src/format';
import { addDays, dateIn, startOfDate } from '../../client/src/time';
import { startSimulator } from '../support/delighted-fixtures';
import { createEnvironmentWithKeys, type TestApp } from '../support/test-app';
import { screenshot, type WatchedPage } from '../../tools/harness/browser';
import { type Dashboard, type Keys, startDashboard, ZONE } from './support/dashboard';
import { openEmbed, signIn, submitApiKey } from './support/dashboard-pages';
import type { PageDocument } from './support/page-dom';
import { expectOverview, summary as overviewSummary, type SummaryAnswer } from './support/overview';

// Callbacks given to waitForFunction/evaluate run in the page; this file is type-checked without
// the DOM library, so it declares the little of `document` they use.
declare const sessionStorage: { getItem(key: string): string | null };
declare const document: PageDocument;

describe('Dashboard in Chromium', () => {
  let dashboard: Dashboard;
  let test: TestApp;
  let baseUrl: string;
  let environmentId: string;
  let keys: Keys;

  beforeAll(async () => {
    dashboard = await startDashboard();
    ({ test, baseUrl, environmentId, keys } = dashboard);
  });
  afterAll(() => dashboard?.close());

  const page = (options: Parameters<Dashboard['page']>[0] = {}): Promise<WatchedPage> =>
    dashboard.page(options);
  const summary = (args: string): Promise<SummaryAnswer> => overviewSummary(dashboard, args);

  it('signs in with an ANALYST key and shows the overview figures the API answers', async () => {
    const watched = await page();
    const p = watched.page;
    await signIn(p, baseUrl, keys.ANALYST);
    // Default: the last 90 whole days in the environment's time zone, against the 90 before.
    const today = dateIn(new Date(), ZONE);
    const from = startOfDate(addDays(today, -89), ZONE).toISOString();
    const to = startOfDate(addDays(today, 1), ZONE).toISOString();
    const expected = await summary(`from: "${from}", to: "${to}", compareToPrevious: true`);
    expect(expected.responses).toBeGreaterThan(30);
    await expectOverview(p, expected);
    const change = p.getByTestId('nps-change');
    const marked = p.locator('[data-testid="nps-change"] [data-significant]');
    expect(await marked.getAttribute('data-significant')).toBe(
      String(Boolean(expected.change?.significant)),
    );
    expect(await change.innerText()).toContain(formatPoints(expected.change?.difference));
    if (expected.change?.significant) expect(await change.innerText()).toContain('Significant');
    await p.getByTestId('trend-chart').waitFor();
    // An ANALYST is not offered configuration.
    expect(await p.locator('nav a[data-view="SOURCE"]').count()).toBe(0);
    expect(await p.getByTestId('role').innerText()).toBe('ANALYST');
    await screenshot(p, 'overview');
    expect(watched.errors).toEqual([]);
  });

  it('follows a custom range, the time zone and latest-per-person exactly as the API does', async () => {
    const watched = await page();
    const p = watched.page;
    await signIn(p, baseUrl, keys.ANALYST);
    await p.getByTestId('nps-value').waitFor();
    const today = dateIn(new Date(), ZONE);
    const first = addDays(today, -200);
    const last = addDays(today, -20);
    const text = (d: { year: number; month: number; day: number }) =>
      `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
    await p.getByRole('button', { name: 'Custom range' }).click();
    await p.getByLabel('From').fill(text(first));
    await p.getByLabel('To (included)').fill(text(last));
    await p.getByLabel('Count').selectOption('LATEST_PER_PERSON');
    const from = startOfDate(first, ZONE).toISOString();
    const to = startOfDate(addDays(last, 1), ZONE).toISOString();
    const expected = await summary(
      `from: "${from}", to: "${to}", dedupe: LATEST_PER_PERSON, compareToPrevious: true`,
    );
    await expectOverview(p, expected);
    // The trend's table view lists every bucket of the same answer.
    const trend = await test.ok<{
      environment: { npsTrend: { points: Array<{ nps: number | null; responses: number }> } };
    }>(
      keys.ANALYST,
      `query($env: ID!) { environment(id: $env) { npsTrend(from: "${from}", to: "${to}",
         interval: MONTH, dedupe: LATEST_PER_PERSON) { points { nps responses } } } }`,
      { env: environmentId },
    );
    await p.getByLabel('Interval', { exact: true }).selectOption('MONTH');
    const card = p.getByTestId('trend');
    await card.getByRole('button', { name: 'Table' }).click();
    const rows = card.locator('[data-testid="trend-table"] tbody tr');
    await p.waitForFunction(
      (count) =>
        document.querySelectorAll('[data-testid="trend-table"] tbody tr').length === count &&
        !document.querySelector('[data-testid="trend"][aria-busy="true"]'),
      trend.environment.npsTrend.points.length,
    );
    for (const [index, point] of trend.environment.npsTrend.points.entries()) {
      const cells = rows.nth(index).locator('td');
      expect(await cells.nth(1).innerText()).toBe(formatCount(point.responses));
      expect(await cells.nth(5).innerText()).toBe(formatNps(point.nps));
    }
    // The CSV download carries the same buckets, unrounded.
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      card.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'bucket_start,bucket_end,time_zone,tier,responses,promoters,passives,detractors,nps,ci_low,ci_high,margin_of_error,average_score',
    );
    expect(lines).toHaveLength(trend.environment.npsTrend.points.length + 1);
    expect(lines.slice(1).map((line) => line.split(',')[8])).toEqual(
      trend.environment.npsTrend.points.map((point) =>
        point.nps === null ? '' : String(point.nps),
      ),
    );
    await screenshot(p, 'overview-custom-range-table');
    expect(watched.errors).toEqual([]);
  });

  it('never introspects the schema (refused by default) and still offers an ADMIN every view and embed links', async () => {
    const refused = await test.graphql(keys.ADMIN, '{ __type(name: "Query") { name } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const watched = await page();
    const p = watched.page;
    const sent: string[] = [];
    p.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') sent.push(request.postData() ?? '');
    });
    await signIn(p, baseUrl, keys.ADMIN);
    await p.getByTestId('trend-chart').waitFor();
    expect(await p.getByTestId('role').innerText()).toBe('ADMIN');
    await p.getByRole('button', { name: 'Embed…' }).waitFor();
    expect(await p.locator('nav a[data-view="SOURCE"]').count()).toBe(1);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((body) => /__schema|__type\b/.test(body))).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('shows every view with data to an ADMIN, without console errors', async () => {
    const watched = await page();
    const p = watched.page;
    await signIn(p, baseUrl, keys.ADMIN);
    await p.getByTestId('trend-chart').waitFor();
    expect(await p.getByTestId('role').innerText()).toBe('ADMIN');
    await p.getByRole('button', { name: 'All time' }).click();
    await p.getByText(/All time \(since \d{4}\)/).waitFor();
    await p.waitForFunction(
      () => !document.querySelector('[data-testid="trend"][aria-busy="true"]'),
    );
    await p.getByTestId('trend-chart').waitFor();
    await screenshot(p, 'overview-all-time');
    // The chart reads out by keyboard: focus it, then End jumps to the last bucket.
    await p.getByTestId('trend-chart').focus();
    await p.keyboard.press('End');
    await p.locator('.tooltip').waitFor();
    expect(await p.locator('.chart-live').innerText()).toMatch(/NPS [+\u2212]?\d+\.\d, n \d+/);

    await p.getByRole('link', { name: 'Engagement' }).click();
    await p.locator('[data-testid="engagement-trend"] [data-testid="trend-chart"]').waitFor();
    expect(
      await p.locator('[data-testid="engagement-trend"] g[data-series]').count(),
    ).toBeGreaterThan(1);
    await screenshot(p, 'engagement');

    await p.getByRole('link', { name: 'Drivers' }).click();
    await p.getByTestId('association-note').waitFor();
    const firstActivity = p.locator('[data-testid="correlation-table"] tbody tr button').first();
    await firstActivity.waitFor();
    const activity = await firstActivity.innerText();
    await firstActivity.click();
    await p.getByTestId('segment-comparison').getByText('Promoters').first().waitFor();
    expect(await p.getByTestId('segment-comparison').innerText()).toContain(activity);
    await screenshot(p, 'drivers');

    await p.getByRole('link', { name: 'Segments' }).click();
    await p.locator('[data-testid="members-table"] tbody tr').first().waitFor();
    const pageText = await p.getByTestId('members-page').innerText();
    expect(pageText).toMatch(/^Page 1 of \d+/);
    // The search runs on the server over every member, not just this page.
    await p.getByLabel('Search members').fill('elsewhere.org');
    await p.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="members-table"] tbody tr')];
      return rows.length > 0 && rows.every((row) => /elsewhere\.org/i.test(row.textContent ?? ''));
    });
    expect(await p.getByTestId('members-page').innerText()).not.toEqual(pageText);
    await p.getByLabel('Search members').fill('');
    await p.waitForFunction(
      (text) => document.querySelector('[data-testid="members-page"]')?.textContent === text,
      pageText,
    );
    await screenshot(p, 'segments');

    await p.getByRole('link', { name: 'Responses' }).click();
    await p.getByTestId('response').first().waitFor();
    await p.getByLabel('Search comments and emails').fill('slow');
    await p.waitForFunction(() => {
      const items = [...document.querySelectorAll('[data-testid="response"] .comment')];
      return items.length > 0 && items.every((item) => /slow/i.test(item.textContent ?? ''));
    });
    await screenshot(p, 'responses');

    await p.getByRole('link', { name: 'Source' }).click();
    await p.getByTestId('email-property').waitFor();
    await screenshot(p, 'source-admin');
    expect(watched.errors).toEqual([]);
  });

  it('fits a 360 px wide screen', async () => {
    const watched = await page({ width: 360, height: 780 });
    const p = watched.page;
    await signIn(p, baseUrl, keys.ANALYST);
    await p.getByTestId('trend-chart').waitFor();
    const overflow = await p.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(p, 'overview-360px');
    expect(watched.errors).toEqual([]);
  });

  it('refuses an unknown key at sign-in and an INGEST key with what to use instead', async () => {
    const watched = await page();
    const p = watched.page;
    await p.goto(baseUrl);
    await submitApiKey(p, 'nps_not_a_real_key_0000000000');
    await p.getByTestId('sign-in-notice').waitFor();
    expect(await p.getByTestId('sign-in-notice').innerText()).toContain(
      'unknown or has been revoked',
    );
    await submitApiKey(p, keys.INGEST);
    await p.getByText('INGEST').waitFor();
    expect(await p.getByTestId('sign-in-notice').innerText()).toContain('ANALYST');
    await screenshot(p, 'sign-in-refused');
    expect(await p.evaluate(() => sessionStorage.getItem('nps.apiKey'))).toBeNull();
  });

  it('says Waiting For Data when an environment has no response yet', async () => {
    const fresh = await createEnvironmentWithKeys(test, 'Empty product');
    const watched = await page();
    const p = watched.page;
    await signIn(p, baseUrl, fresh.keys.ANALYST);
    await p.getByTestId('waiting-for-data').waitFor();
    expect(await p.getByTestId('waiting-for-data').innerText()).toContain('Waiting For Data');
    await screenshot(p, 'waiting-for-data');
    expect(watched.errors).toEqual([]);
  });

  describe('Source wizard', () => {
    let simulator: DelightedSimulator;
    beforeAll(async () => {
      simulator = await startSimulator({ responses: 450, seed: 5 });
    });
    afterAll(() => simulator?.stop());

    it('connects the simulator and follows the backfill to 100 % and Connected', async () => {
      const fresh = await createEnvironmentWithKeys(test, 'Wizard product');
      const watched = await page();
      const p = watched.page;
      await signIn(p, baseUrl, fresh.keys.ARCHITECT, 'source');
      await p.getByLabel('User property').fill('email');
      await p.getByRole('button', { name: 'Save email property' }).click();
      await p.getByTestId('email-property').waitFor();
      await p.getByLabel('Delighted API key').fill(simulator.apiKey);
      await p.getByText('Advanced: API URL').click();
      await p.getByLabel(/API URL/).fill(simulator.baseUrl);
      await screenshot(p, 'source-wizard-key');
      // Slow pages, so the backfill is seen under way.
      simulator.injectFaults(
        Array.from({ length: 4 }, () => ({
          kind: 'slow' as const,
          path: '/v1/survey_responses',
          delayMs: 900,
        })),
      );
      await p.getByRole('button', { name: 'Connect' }).click();
      const bar = p.getByRole('progressbar');
      await bar.waitFor();
      const underway = await p
        .waitForFunction(
          () =>
            Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')) <
            100,
          undefined,
          { timeout: 3000 },
        )
        .then(() => true)
        .catch(() => false);
      if (underway) await screenshot(p, 'source-backfill-under-way');
      await p.waitForFunction(
        () =>
          document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100' &&
          document.querySelector('[data-testid="source-status"]')?.textContent === 'Connected',
        undefined,
        { timeout: 60_000 },
      );
      expect(await p.getByTestId('backfill-text').innerText()).toMatch(/^100 %/);
      await p.locator('[data-testid="sync-runs"] tbody tr').first().waitFor();
      await screenshot(p, 'source-connected');
      expect(watched.errors).toEqual([]);
    });

    it('imports a CSV and reports each bad row by line and column', async () => {
      const fresh = await createEnvironmentWithKeys(test, 'Import product');
      const watched = await page();
      const p = watched.page;
      await signIn(p, baseUrl, fresh.keys.ADMIN, 'source');
      const input = p.getByLabel('CSV file');
      await input.setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'Response ID,Score,Email,Created At\n1,9,a@x.com,2026-01-05T10:00:00Z\n2,eleven,b@x.com,2026-01-06T10:00:00Z\n3,7,c@x.com,not a date\n',
        ),
      });
      await p.getByRole('button', { name: 'Import' }).click();
      const report = p.getByTestId('import-errors');
      await report.locator('tbody tr').first().waitFor();
      const reportText = await report.innerText();
      expect(reportText).toMatch(/\b3\b/);
      expect(reportText).toMatch(/\b4\b/);
      await screenshot(p, 'source-import-errors');
      await input.setInputFiles({
        name: 'good.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'Response ID,Score,Email,Created At,Comment\n1,9,a@x.com,2026-01-05T10:00:00Z,Great\n2,3,b@x.com,2026-01-06T10:00:00Z,"Slow, sadly"\n',
        ),
      });
      await p.getByRole('button', { name: 'Import' }).click();
      await p.getByTestId('import-result').waitFor();
      const imported = await p.getByTestId('import-result').innerText();
      expect(imported).toContain('Imported 2 responses');
      expect(imported).toContain('Read as comma-separated.');
      expect(watched.errors).toEqual([]);
    });
  });

  describe('embed links', () => {
    it('render their one view without signing in, with the locked filter and nothing to configure', async () => {
      const link = await test.ok<{ createEmbedLink: { url: string; token: string } }>(
        keys.ADMIN,
        `mutation($env: ID!) { createEmbedLink(environmentId: $env, view: OVERVIEW,
           filter: { conditions: [{ property: "plan", equals: "pro" }] }, expiresInMinutes: 5) { url token } }`,
        { env: environmentId },
      );
      const watched = await page();
      const p = watched.page;
      await openEmbed(p, baseUrl, link.createEmbedLink.token, { theme: 'dark', accent: '#cc79a7' });
      await p.getByTestId('nps-value').waitFor();
      const today = dateIn(new Date(), ZONE);
      const from = startOfDate(addDays(today, -89), ZONE).toISOString();
      const to = startOfDate(addDays(today, 1), ZONE).toISOString();
      const expected = await summary(
        `from: "${from}", to: "${to}", compareToPrevious: true,
         filter: { conditions: [{ property: "plan", equals: "pro" }] }`,
      );
      await expectOverview(p, expected);
      expect(await p.getByTestId('locked-filter').innerText()).toContain('plan = pro');
      expect(await p.locator('.app-nav').count()).toBe(0);
      expect(await p.getByRole('button', { name: '+ Add condition' }).count()).toBe(0);
      expect(await p.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      expect(await p.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await screenshot(p, 'embed-overview-dark');
      expect(watched.errors).toEqual([]);
    });

    it('say the link expired when a later request is refused', async () => {
      const link = await test.ok<{ createEmbedLink: { token: string } }>(
        keys.ADMIN,
        `mutation($env: ID!) { createEmbedLink(environmentId: $env, view: RESPONSES) { token } }`,
        { env: environmentId },
      );
      const watched = await page();
      const p = watched.page;
      await openEmbed(p, baseUrl, link.createEmbedLink.token);
      await p.getByTestId('response').first().waitFor();
      // From now on the service refuses the token, as it does once the link has expired.
      await p.route('**/graphql', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            data: null,
            errors: [
              {
                message: 'This embed link has expired. Ask for a new embed link.',
                extensions: { code: 'UNAUTHENTICATED' },
              },
            ],
          }),
        }),
      );
      await p.getByLabel('Search comments and emails').fill('report');
      await p.getByTestId('embed-expired').waitFor();
      await screenshot(p, 'embed-expired');
      expect(watched.errors).toEqual([]);
    });
  });
});
