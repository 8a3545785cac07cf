import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from '../../tools/harness/browser';
import { signIn } from './support/dashboard-pages';
import { type Dashboard, startDashboard } from './support/dashboard';
import type { PageDocument } from './support/page-dom';

declare const document: PageDocument;

/** "−12.4 to +45.1" → [−12.4, 45.1] (the dashboard writes a true minus sign). */
const interval = (text: string) => {
  const match = /([+\u2212-]?\d+(?:\.\d+)?) to ([+\u2212-]?\d+(?:\.\d+)?)/.exec(text);
  if (!match) throw new Error(`no interval in "${text}"`);
  return [match[1], match[2]].map((value) => Number(value.replace('\u2212', '-')));
};

/** The CSV a click downloads, as rows of cells (no quoted commas in this data's first cells). */
async function download(p: Page, button: Locator): Promise<string[]> {
  const [file] = await Promise.all([p.waitForEvent('download'), button.click()]);
  return readFileSync((await file.path())!, 'utf8')
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n');
}

describe('Drivers in Chromium', () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard();
  });
  afterAll(() => dashboard?.close());

  it('marks each figure by its own test, sorts by NPS difference, and opens both outreach lists with CSV', async () => {
    const { environmentId, keys, baseUrl, test } = dashboard;
    const watched = await dashboard.page();
    const p = watched.page;
    await signIn(p, baseUrl, keys.ANALYST, `drivers?env=${environmentId}&range=all`);
    const table = p.getByTestId('correlation-table');
    await table.locator('tbody tr').first().waitFor();
    await p.waitForFunction(() => !document.querySelector('[data-testid="drivers"].is-busy'));

    // Each badge names its test; the difference is marked only where its interval excludes 0.
    const cells = await table.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        pearson: row.querySelector('[data-testid="pearson-test"]')?.textContent ?? '',
        difference: row.querySelector('[data-testid="difference-test"]')?.textContent ?? '',
      })),
    );
    expect(cells.length).toBeGreaterThan(1);
    for (const cell of cells) {
      expect(cell.pearson).toMatch(/^Pearson (not )?significant/);
      const [low, high] = interval(cell.difference);
      expect([cell.difference, cell.difference.includes('Interval excludes 0')]).toEqual([
        cell.difference,
        low > 0 || high < 0,
      ]);
    }

    // Sorting by the NPS difference: largest first on the first click, smallest on the second.
    const sortByDifference = table.locator('button[title="Sort by NPS difference"]');
    const shownDifferences = async () =>
      (
        await table
          .locator('tbody tr')
          .evaluateAll((rows) =>
            rows.map(
              (tr) =>
                tr.querySelector('[data-testid="difference-test"] .difference-cell')?.textContent ??
                '',
            ),
          )
      ).map((text) => Number(/^[+\u2212-]?\d+(?:\.\d+)?/.exec(text)![0].replace('\u2212', '-')));
    await sortByDifference.click();
    const descending = await shownDifferences();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await sortByDifference.click();
    const ascending = await shownDifferences();
    expect(ascending).toEqual([...descending].reverse());
    await sortByDifference.click();
    await screenshot(p, 'drivers-sorted-by-difference');

    // The top row's outreach lists, each matching what the API lists and exported whole.
    const row = table.locator('tbody tr').first();
    const activity = (await row.locator('td').first().locator('button').first().innerText()).trim();
    const apiTotal = async (segment: string, did: boolean) => {
      expect(p.url()).toContain('list=');
      const answer = await test.ok<{ environment: { segmentMembers: { totalCount: number } } }>(
        keys.ANALYST,
        `query($env: ID!, $segment: NpsSegment!, $activity: SegmentActivityInput!) { environment(id: $env) {
           segmentMembers(segment: $segment, activity: $activity) { totalCount } } }`,
        { env: environmentId, segment, activity: { eventType: activity, did } },
      );
      return answer.environment.segmentMembers.totalCount;
    };
    const members = p.getByTestId('driver-members');
    const openList = async (name: string, title: string) => {
      await row.getByRole('button', { name }).click();
      await members.getByRole('heading', { name: title }).waitFor();
      await members.getByTestId('driver-members-total').waitFor();
      return Number(
        (await members.getByTestId('driver-members-total').innerText()).replace(/\D.*$/, ''),
      );
    };

    const notTotal = await openList(
      'Detractors & passives who did not',
      `Detractors and passives who did not “${activity}” in the 30 days before answering`,
    );
    // "All time": no maxAgeDays, so the API's totals without it must agree.
    expect(notTotal).toBe(
      (await apiTotal('DETRACTOR', false)) + (await apiTotal('PASSIVE', false)),
    );
    expect(notTotal).toBeGreaterThan(0);
    const notRows = await members
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    expect(notRows.every((cells) => ['Detractor', 'Passive'].includes(cells[1]))).toBe(true);
    expect(notRows.every((cells) => Number(cells[2]) <= 8)).toBe(true);
    await screenshot(p, 'drivers-members-did-not-1280');
    const notCsv = await download(p, members.getByRole('button', { name: 'Export CSV' }));
    expect(notCsv[0]).toBe('segment,score,responded_at,email,person_id,identity,comment');
    expect(notCsv.length - 1).toBe(notTotal);
    expect(notCsv.slice(1).every((line) => /^(DETRACTOR|PASSIVE),[0-8],/.test(line))).toBe(true);

    const didTotal = await openList(
      'Promoters who did',
      `Promoters who did “${activity}” in the 30 days before answering`,
    );
    expect(didTotal).toBe(await apiTotal('PROMOTER', true));
    expect(didTotal).toBeGreaterThan(0);
    const didCsv = await download(p, members.getByRole('button', { name: 'Export CSV' }));
    expect(didCsv.length - 1).toBe(didTotal);
    expect(didCsv.slice(1).every((line) => /^PROMOTER,(9|10),/.test(line))).toBe(true);
    await screenshot(p, 'drivers-members-did-1280');
    expect(watched.errors).toEqual([]);

    // The same list on a phone, from its link.
    const phone = await dashboard.page({ width: 390, height: 844 });
    await signIn(
      phone.page,
      baseUrl,
      keys.ANALYST,
      `drivers?env=${environmentId}&range=all&activity=${encodeURIComponent(activity)}&list=did-not`,
    );
    await phone.page.getByTestId('driver-members-table').locator('tbody tr').first().waitFor();
    await screenshot(phone.page, 'drivers-members-did-not-390');
    expect(phone.errors).toEqual([]);
  });
});
