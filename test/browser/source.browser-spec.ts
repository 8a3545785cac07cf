import type { DelightedSimulator } from '../../tools/delighted-simulator/delighted-simulator';
import { formatCount } from '../../client/src/format';
import { Role } from '../../src/auth/role';
import { DelightedSourceService } from '../../src/sources/delighted/delighted-source.service';
import { DelightedSyncScheduler } from '../../src/sources/delighted/delighted-sync.scheduler';
import { connectedEnvironment, startSimulator } from '../support/delighted-fixtures';
import { createEnvironmentWithKeys } from '../support/test-app';
import { screenshot } from '../../tools/harness/browser';
import { signIn } from './support/dashboard-pages';
import { type Dashboard, startDashboard } from './support/dashboard';
import type { PageDocument } from './support/page-dom';

declare const document: PageDocument;

interface RunAnswer {
  responsesFetched: number;
  responsesInserted: number;
  responsesUpdated: number;
}

describe('Source view counts in Chromium', () => {
  let dashboard: Dashboard;
  let simulator: DelightedSimulator;
  beforeAll(async () => {
    dashboard = await startDashboard({ seed: false });
    // Other survey types too: the backfill loads them all, Delighted's estimate counts NPS only.
    simulator = await startSimulator({ responses: 450, seed: 5 });
  });
  afterAll(async () => {
    await simulator?.stop();
    await dashboard?.close();
  });

  it('never shows more loaded than the estimate silently, and says how many a sync fetched unchanged', async () => {
    const { test } = dashboard;
    const { environmentId, keys } = await connectedEnvironment(test, simulator, {
      startBackfill: true,
    });
    const source = async () =>
      (
        await test.ok<{
          environment: {
            delightedSource: {
              backfill: { responsesDone: number; estimatedTotal: number; completedAt: string };
              syncRuns: { edges: Array<{ node: RunAnswer }> };
            };
          };
        }>(
          keys.ARCHITECT,
          `query($env: ID!) { environment(id: $env) { delightedSource {
             backfill { responsesDone estimatedTotal completedAt }
             syncRuns(first: 1) { edges { node { responsesFetched responsesInserted responsesUpdated } } } } } }`,
          { env: environmentId },
        )
      ).environment.delightedSource;
    const deadline = Date.now() + 60_000;
    while (!(await source()).backfill.completedAt && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { backfill } = await source();
    // The case to show: more responses loaded than estimated.
    expect(backfill.responsesDone).toBeGreaterThan(backfill.estimatedTotal);

    const watched = await dashboard.page();
    const p = watched.page;
    await signIn(p, dashboard.baseUrl, keys.ARCHITECT, 'source');
    const text = p.getByTestId('backfill-text');
    await text.waitFor();
    const shown = await text.innerText();
    expect(shown).toMatch(/^100 %/);
    expect(shown).not.toContain(`${formatCount(backfill.responsesDone)} of about`);
    expect(shown).toContain(
      `${formatCount(backfill.responsesDone)} responses, more than the estimate of about ${formatCount(backfill.estimatedTotal)}`,
    );

    // New responses, synced; then one more: the second sync re-reads the first two unchanged.
    const result = p.getByTestId('sync-result');
    simulator.addResponse({ score: 10, comment: 'new one' });
    simulator.addResponse({ score: 3, comment: 'another new one' });
    await p.getByRole('button', { name: 'Sync now' }).click();
    await result.waitFor();
    const first = await result.innerText();
    simulator.addResponse({ score: 8, comment: 'one more' });
    await p.getByRole('button', { name: 'Sync now' }).click();
    await p.waitForFunction((before) => {
      const now = document.querySelector('[data-testid="sync-result"]')?.textContent;
      return Boolean(now) && now !== before;
    }, first);
    const run = (await source()).syncRuns.edges[0].node;
    const unchanged = run.responsesFetched - run.responsesInserted - run.responsesUpdated;
    expect(unchanged).toBeGreaterThan(0);
    expect(await result.innerText()).toContain(
      `fetched ${formatCount(run.responsesFetched)} · ${formatCount(run.responsesInserted)} new · ${formatCount(run.responsesUpdated)} updated · ${formatCount(unchanged)} unchanged`,
    );
    const table = p.getByTestId('sync-runs');
    await p.waitForFunction(
      () => document.querySelectorAll('[data-testid="sync-runs"] tbody tr').length === 3,
    );
    const headers = await table.locator('thead th').allInnerTexts();
    const cells = await table.locator('tbody tr').first().locator('td').allInnerTexts();
    const cell = (name: string) => cells[headers.findIndex((header) => header.trim() === name)];
    expect(cell('Fetched')).toBe(formatCount(run.responsesFetched));
    expect(cell('New')).toBe(formatCount(run.responsesInserted));
    expect(cell('Updated')).toBe(formatCount(run.responsesUpdated));
    expect(cell('Unchanged')).toBe(formatCount(unchanged));
    expect(await p.getByTestId('sync-runs-legend').innerText()).toContain('Unchanged');
    await screenshot(p, 'source-sync-counts');
    expect(watched.errors).toEqual([]);
  });

  it("shows a demo source whose simulator is not running as the demo's, and Sync now says so at once", async () => {
    const { test } = dashboard;
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    await test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env: environmentId },
    );
    const demoSimulator = await startSimulator({ responses: 5, seed: 9 });
    // As `npm run demo` connects it; then the demo stops and a plain start checks it.
    await test.app.get(DelightedSourceService).connect(
      { kind: 'bootstrap', keyId: null, role: Role.ADMIN, environmentId: null },
      {
        environmentId,
        apiKey: demoSimulator.apiKey,
        apiUrl: demoSimulator.baseUrl,
        startBackfill: false,
        origin: 'DEMO',
      },
    );
    await demoSimulator.stop();
    await test.app.get(DelightedSyncScheduler).checkDemoSources();

    for (const width of [1280, 390]) {
      const watched = await dashboard.page({ width, height: width > 600 ? 900 : 844 });
      const p = watched.page;
      await signIn(p, dashboard.baseUrl, keys.ARCHITECT, 'source');
      const notice = p.getByTestId('source-notice');
      await notice.waitFor();
      expect(await notice.innerText()).toContain(
        'Demo source: its simulator runs only with `npm run demo`, so sync is skipped.',
      );
      expect(await p.getByTestId('source-status').getAttribute('data-status')).toBe('DEMO_OFFLINE');
      expect(await p.getByTestId('source-error').count()).toBe(0);
      if (width === 1280) {
        await p.getByRole('button', { name: 'Sync now' }).click();
        const result = p.getByTestId('sync-result');
        await result.waitFor();
        expect(await result.innerText()).toContain(
          'Sync skipped: Demo source: its simulator runs only with `npm run demo`',
        );
      }
      await screenshot(p, `source-demo-offline-${width}`);
      expect(watched.errors).toEqual([]);
    }
  });
});
