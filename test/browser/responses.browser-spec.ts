import { formatCount } from '../../client/src/format';
import { addDays, dateIn, startOfDate } from '../../client/src/time';
import { signIn } from './support/dashboard-pages';
import { type Dashboard, ZONE, startDashboard } from './support/dashboard';
import type { PageDocument } from './support/page-dom';

declare const document: PageDocument;

interface Listed {
  responseId: string;
  surveyType: string;
  isNps: boolean;
}

describe('Responses by survey type in Chromium', () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard();
  });
  afterAll(() => dashboard?.close());

  /** Every response the API lists up to `to`, newest first, paged through. */
  async function everyResponse(to: string): Promise<Listed[]> {
    const rows: Listed[] = [];
    let after: string | null = null;
    for (;;) {
      const answer: {
        environment: {
          surveyResponses: {
            pageInfo: { endCursor: string | null; hasNextPage: boolean };
            edges: Array<{ node: Listed }>;
          };
        };
      } = await dashboard.test.ok(
        dashboard.keys.ANALYST,
        `query($env: ID!, $to: DateTime, $after: String) { environment(id: $env) {
           surveyResponses(to: $to, first: 100, after: $after) {
             pageInfo { endCursor hasNextPage } edges { node { responseId surveyType isNps } } } } }`,
        { env: dashboard.environmentId, to, after },
      );
      const connection = answer.environment.surveyResponses;
      rows.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) return rows;
      after = connection.pageInfo.endCursor;
    }
  }

  it('says how many listed responses are NPS, shows each one’s survey type and lists NPS only in order', async () => {
    const watched = await dashboard.page();
    const p = watched.page;
    await signIn(p, dashboard.baseUrl, dashboard.keys.ANALYST, 'responses');
    await p.getByRole('button', { name: 'All time' }).click();
    await p.getByText(/All time \(since \d{4}\)/).waitFor();
    const to = startOfDate(addDays(dateIn(new Date(), ZONE), 1), ZONE).toISOString();
    const all = await everyResponse(to);
    const nps = all.filter((row) => row.isNps);
    expect(nps.length).toBeLessThan(all.length);
    // The Overview's n for the same range is the NPS part of the list.
    const overview = await dashboard.test.ok<{
      environment: { npsSummary: { responses: number } };
    }>(
      dashboard.keys.ANALYST,
      `query($env: ID!) { environment(id: $env) { npsSummary(to: "${to}") { responses } } }`,
      { env: dashboard.environmentId },
    );
    expect(overview.environment.npsSummary.responses).toBe(nps.length);

    const count = p.getByTestId('responses-count');
    const expectedCount = `${formatCount(all.length)} responses of every survey type, newest first: ${formatCount(nps.length)} NPS, ${formatCount(all.length - nps.length)} of other survey types`;
    await p.waitForFunction(
      (text) =>
        document.querySelector('[data-testid="responses-count"]')?.textContent?.includes(text),
      expectedCount,
    );
    const types = await p.getByTestId('survey-type').allInnerTexts();
    expect(types.length).toBeGreaterThan(0);
    expect(types).toEqual(
      all.slice(0, types.length).map((row) => (row.isNps ? 'NPS' : row.surveyType)),
    );

    await p.getByLabel('Survey type').selectOption('nps');
    await p.waitForFunction(
      (text) => document.querySelector('[data-testid="responses-count"]')?.textContent === text,
      `${formatCount(nps.length)} NPS responses, newest first`,
    );
    for (let more = 0; more < 3; more++) {
      const before = await p.getByTestId('response').count();
      await p.getByRole('button', { name: 'Load more' }).click();
      await p.waitForFunction(
        (shown) => document.querySelectorAll('[data-testid="response"]').length > shown,
        before,
      );
    }
    const shown = await p
      .getByTestId('response')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-response-id')));
    expect(shown.length).toBeGreaterThan(75);
    expect(shown).toEqual(nps.slice(0, shown.length).map((row) => row.responseId));
    expect(new Set(await p.getByTestId('survey-type').allInnerTexts())).toEqual(new Set(['NPS']));
    expect(await count.innerText()).toBe(`${formatCount(nps.length)} NPS responses, newest first`);

    // A range without responses: the empty state reads as a sentence.
    await p.getByLabel('Survey type').selectOption('all');
    await p.getByRole('button', { name: 'Custom range' }).click();
    await p.getByLabel('From').fill('2001-01-01');
    await p.getByLabel('To (included)').fill('2001-01-31');
    await p.getByText('No responses match').waitFor();
    expect(await p.locator('.state-empty .state-text').innerText()).toBe('Choose a longer range.');
    expect(watched.errors).toEqual([]);
  });
});
