import type { Page } from 'playwright-core';
import { generateDemoData } from '../../tools/demo/demo-data';
import { screenshot } from '../../tools/harness/browser';
import { createEnvironmentWithKeys } from '../support/test-app';
import { signIn } from './support/dashboard-pages';
import { type Dashboard, type Keys, ZONE, startDashboard } from './support/dashboard';
import type { PageDocument } from './support/page-dom';

declare const document: PageDocument;

/** The tier table's rows as [tier, n]. */
async function tierRows(p: Page): Promise<Array<[string, number]>> {
  const table = p.getByTestId('tier-table');
  await table.locator('tbody tr').first().waitFor();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
  return rows.map((cells) => [cells[0], Number(cells[1].replace(/,/g, ''))]);
}

/**
 * The demo's data (tools/demo, a tenth of its people): heavy users, so the fixed thresholds
 * 1, 5, 20 put nearly every response in "20+". The Engagement view's default, automatic tiers,
 * must show several tiers with data instead.
 */
describe('Engagement tiers in Chromium on demo-like data', () => {
  let dashboard: Dashboard;
  let environmentId: string;
  let keys: Keys;
  beforeAll(async () => {
    dashboard = await startDashboard({ seed: false });
    const { test } = dashboard;
    ({ environmentId, keys } = await createEnvironmentWithKeys(test, 'Demo-like product', ZONE));
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env: environmentId },
    );
    const data = generateDemoData({
      people: 300,
      seed: 2026,
      endAt: Math.floor(Date.now() / 1000) - 3600,
    });
    const ingest = (path: string, body: object) =>
      test.http
        .post(path)
        .set('authorization', `Bearer ${keys.INGEST}`)
        .send({ app_id: environmentId, ...body })
        .expect(200);
    await ingest('/api/add_user_properties', {
      users: data.people
        .filter((person) => person.hasUser)
        .map((person) => ({
          identity: person.identity,
          properties: { email: person.productEmail, plan: person.plan },
        })),
    });
    for (let start = 0; start < data.events.length; start += 1000)
      await ingest('/api/track', { events: data.events.slice(start, start + 1000) });
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
      {
        env: environmentId,
        json: JSON.stringify(
          data.responses.map((response) => ({ comment: null, updated_at: null, ...response })),
        ),
      },
    );
  });
  afterAll(() => dashboard?.close());

  it('defaults to automatic tiers that each hold responses, and keeps custom thresholds', async () => {
    for (const width of [1280, 390]) {
      const watched = await dashboard.page({ width, height: width > 600 ? 900 : 844 });
      const p = watched.page;
      await signIn(p, dashboard.baseUrl, keys.ANALYST, `engagement?env=${environmentId}`);
      const automatic = await tierRows(p);
      const tiers = automatic.filter(([tier]) => !tier.startsWith('Unmatched'));
      // Quartiles: up to four tiers, here at least three, each with responses.
      expect(tiers.length).toBeGreaterThanOrEqual(3);
      expect(tiers.every(([, n]) => n > 0)).toBe(true);
      const total = tiers.reduce((sum, [, n]) => sum + n, 0);
      expect(Math.max(...tiers.map(([, n]) => n))).toBeLessThan(total * 0.6);
      expect(await p.getByTestId('tier-thresholds').innerText()).toMatch(
        /^Automatic tiers: quartile thresholds \d+, \d+/,
      );
      await p.waitForFunction(
        () => !document.querySelector('[data-testid="engagement-trend"][aria-busy="true"]'),
      );
      expect(
        await p.locator('[data-testid="engagement-trend"] g[data-series]').count(),
      ).toBeGreaterThanOrEqual(3);
      await screenshot(p, `engagement-automatic-${width}`);
      expect(watched.errors).toEqual([]);
    }

    // Custom thresholds still apply, are shared in the link, and show what the old default did.
    const watched = await dashboard.page({ width: 1280, height: 900 });
    const p = watched.page;
    await signIn(p, dashboard.baseUrl, keys.ANALYST, `engagement?env=${environmentId}`);
    await tierRows(p);
    await p.locator('select[name="tierMode"]').selectOption('custom');
    await p.locator('input[name="thresholds"]').fill('1, 5, 20');
    await p.getByRole('button', { name: 'Apply' }).click();
    await p.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="tier-table"] tbody tr td')].some(
        (td) => td.textContent === '20+ events',
      ),
    );
    expect(decodeURIComponent(p.url())).toContain('tiers=1,5,20');
    const custom = (await tierRows(p)).filter(([tier]) => !tier.startsWith('Unmatched'));
    expect(custom.map(([tier]) => tier)).toEqual([
      '0 events',
      '1–4 events',
      '5–19 events',
      '20+ events',
    ]);
    const customTotal = custom.reduce((sum, [, n]) => sum + n, 0);
    expect(custom[3][1]).toBeGreaterThan(customTotal * 0.8);
    expect(await p.getByTestId('tier-thresholds').innerText()).toMatch(/^Thresholds 1, 5, 20/);
    await screenshot(p, 'engagement-custom-1280');
    expect(watched.errors).toEqual([]);
  });
});
