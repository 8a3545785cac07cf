import { formatDate, formatLastDay } from '../../client/src/format';
import { addDays, addMonths, dateIn, startOfDate, type CalendarDate } from '../../client/src/time';
import { signIn } from './support/dashboard-pages';
import { type Dashboard, ZONE, startDashboard } from './support/dashboard';
import { expectOverview, summary } from './support/overview';
import type { PageDocument } from './support/page-dom';

declare const document: PageDocument;

describe('Range presets in Chromium', () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard();
  });
  afterAll(() => dashboard?.close());

  it('offers Last 12 months ending today, This year and Last year, each with the figures the API answers', async () => {
    const watched = await dashboard.page();
    const p = watched.page;
    await signIn(p, dashboard.baseUrl, dashboard.keys.ANALYST);
    await p.getByTestId('nps-value').waitFor();
    const today = dateIn(new Date(), ZONE);
    const tomorrow = addDays(today, 1);
    const presets: Array<[string, CalendarDate, CalendarDate]> = [
      ['Last 12 months', addDays(addMonths(today, -12), 1), tomorrow],
      ['This year', { year: today.year, month: 1, day: 1 }, tomorrow],
      ['Last year', { year: today.year - 1, month: 1, day: 1 }, { ...today, month: 1, day: 1 }],
    ];
    for (const [name, first, end] of presets) {
      await p.getByRole('button', { name, exact: true }).click();
      const from = startOfDate(first, ZONE).toISOString();
      const to = startOfDate(end, ZONE).toISOString();
      // No future day: the range ends today at the latest.
      expect(Date.parse(to)).toBeLessThanOrEqual(startOfDate(tomorrow, ZONE).getTime());
      const label = `${formatDate(from, ZONE)} – ${formatLastDay(to, ZONE)}`;
      await p.waitForFunction(
        (text) =>
          document.querySelector('[data-testid="range-label"]')?.textContent?.includes(text),
        label,
      );
      expect(await p.getByRole('button', { name, exact: true }).getAttribute('aria-pressed')).toBe(
        'true',
      );
      const expected = await summary(
        dashboard,
        `from: "${from}", to: "${to}", compareToPrevious: true`,
      );
      await expectOverview(p, expected);
      // What the change compares with is named, with its dates.
      expect(expected.previous).not.toBeNull();
      expect(await p.getByTestId('nps-change').innerText()).toContain(
        `${formatDate(expected.previous!.from, ZONE)} – ${formatLastDay(expected.previous!.to, ZONE)}`,
      );
    }
    expect(watched.errors).toEqual([]);
  });
});
