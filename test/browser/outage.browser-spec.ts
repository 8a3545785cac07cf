import type { Page } from 'playwright-core';
import { startSyncTestApp } from '../support/delighted-fixtures';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy';
import { screenshot } from '../../tools/harness/browser';
import { signIn } from './support/dashboard-pages';
import { type Dashboard, startDashboard } from './support/dashboard';

const UNAVAILABLE_MESSAGE =
  'The service cannot reach its database right now; try again in a minute.';

/** The next /graphql answer with HTTP 503, and the request id the service sent with it. */
function unavailableAnswer(p: Page, operation?: string): Promise<string> {
  return p
    .waitForResponse(
      // With `operation`, only its answer: other panels of the view ask at the same time.
      (response) =>
        new URL(response.url()).pathname === '/graphql' &&
        response.status() === 503 &&
        (!operation || (response.request().postData() ?? '').includes(operation)),
    )
    .then((response) => response.headers()['x-request-id']);
}

describe('Dashboard while the database is down, in Chromium', () => {
  let proxy: TcpProxy;
  let dashboard: Dashboard;
  beforeAll(async () => {
    // The service reaches the run's database through a relay this file cuts, as
    // test/database-outage.e2e-spec.ts does: a real outage, no mocked answers.
    const databaseUrl = new URL(process.env.NPS_TEST_DATABASE_URL!);
    proxy = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port) });
    dashboard = await startDashboard({
      start: () => startSyncTestApp({ DATABASE_URL: proxy.proxied(databaseUrl.toString()) }),
    });
  });
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await dashboard?.close();
    await proxy?.close();
  });

  it('says plainly that the database cannot be reached, with the request id to quote, and recovers on Try again', async () => {
    const watched = await dashboard.page();
    const p = watched.page;
    await signIn(p, dashboard.baseUrl, dashboard.keys.ANALYST);
    await p.getByTestId('nps-value').waitFor();

    await proxy.cut();
    // A question not asked yet (answers are cached a minute).
    // The Overview shows the summary's notice.
    const answered = unavailableAnswer(p, 'query Summary');
    await p.getByRole('button', { name: 'Last 30 days', exact: true }).click();
    const requestId = await answered;
    expect(requestId).toMatch(/^[\w.:-]+$/);
    const notice = p.getByRole('alert').filter({ hasText: UNAVAILABLE_MESSAGE });
    await notice.waitFor();
    expect(await p.getByTestId('request-id').innerText()).toContain(requestId);
    expect(await p.locator('main').innerText()).not.toContain('answered without data');
    await screenshot(p, 'database-outage');

    // A reload signs in again: the same plain message, with that request's id.
    const reloaded = unavailableAnswer(p);
    await p.reload();
    const reloadId = await reloaded;
    await p.getByRole('alert').filter({ hasText: UNAVAILABLE_MESSAGE }).waitFor();
    expect(await p.getByTestId('request-id').innerText()).toContain(reloadId);

    await proxy.restore();
    const deadline = Date.now() + 15_000;
    while ((await p.getByTestId('nps-value').count()) === 0 && Date.now() < deadline) {
      const retry = p.getByRole('button', { name: 'Try again' });
      if (await retry.count()) await retry.first().click();
      await p.waitForTimeout(300);
    }
    await p.getByTestId('nps-value').waitFor();
    // Chromium logs each failed request (503) to the console; nothing else went wrong.
    expect(watched.errors.filter((error) => !/status of 503/.test(error))).toEqual([]);
  });
});
