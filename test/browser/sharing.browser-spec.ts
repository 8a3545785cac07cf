import type { Page } from 'playwright-core';
import { formatCount } from '../../client/src/format';
import { addDays, addMonths, dateIn, startOfDate } from '../../client/src/time';
import { signIn } from './support/dashboard-pages';
import { type Dashboard, startDashboard } from './support/dashboard';
import { expectOverview, summary } from './support/overview';
import type { PageDocument } from './support/page-dom';

declare const document: PageDocument;
declare const location: { hash: string };

/** The claims of the embed link shown in the popover (read without verifying, as the client does). */
async function mintedClaims(p: Page): Promise<{ view: string }> {
  const url = await p.getByLabel(/^Link \(expires/).inputValue();
  const token = new URL(url).searchParams.get('token')!;
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('Sharing in Chromium', () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard();
  });
  afterAll(() => dashboard?.close());

  it('closes the Embed… popover on Escape, an outside click and a tab change, and mints for the view on screen', async () => {
    const watched = await dashboard.page();
    const p = watched.page;
    await signIn(p, dashboard.baseUrl, dashboard.keys.ADMIN);
    await p.getByTestId('trend-chart').waitFor();
    const toggle = p.getByRole('button', { name: 'Embed…' });
    const popover = p.getByRole('dialog', { name: 'Create an embed link' });

    await toggle.click();
    await popover.getByRole('button', { name: 'Create link' }).click();
    await p.getByLabel(/^Link \(expires/).waitFor();
    expect((await mintedClaims(p)).view).toBe('OVERVIEW');
    await p.keyboard.press('Escape');
    await popover.waitFor({ state: 'hidden', timeout: 2000 });
    expect(await toggle.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(
      true,
    );

    await toggle.click();
    await popover.waitFor();
    await p.getByRole('heading', { name: 'Overview', level: 1 }).click();
    await popover.waitFor({ state: 'hidden', timeout: 2000 });

    await toggle.click();
    await popover.waitFor();
    await p.getByRole('link', { name: 'Segments' }).click();
    await p.locator('main[data-view="SEGMENTS"]').waitFor();
    expect(await popover.count()).toBe(0);
    await toggle.click();
    // Nothing minted on Overview is offered here.
    expect(await p.getByLabel(/^Link \(expires/).count()).toBe(0);
    expect(await popover.innerText()).toContain('Segments view');
    await popover.getByRole('button', { name: 'Create link' }).click();
    await p.getByLabel(/^Link \(expires/).waitFor();
    expect((await mintedClaims(p)).view).toBe('SEGMENTS');
    expect(watched.errors).toEqual([]);
  });

  it('keeps range, interval, zone, count, filter and view settings in the address: a copied link, a reload and Back show the same', async () => {
    const { keys, baseUrl } = dashboard;
    const mine = await dashboard.page();
    const p = mine.page;
    await signIn(p, baseUrl, keys.ANALYST);
    await p.getByTestId('trend-chart').waitFor();
    const zone = 'America/New_York';
    await p.getByRole('button', { name: 'Last 12 months', exact: true }).click();
    await p.getByLabel('Interval', { exact: true }).selectOption('QUARTER');
    await p.getByLabel('Time zone').selectOption(zone);
    await p.getByLabel('Count').selectOption('LATEST_PER_PERSON');
    await p.getByRole('button', { name: '+ Add condition' }).click();
    await p.getByLabel('Property', { exact: true }).fill('plan');
    await p.getByLabel('Value', { exact: true }).fill('pro');
    await p.getByRole('button', { name: 'Apply' }).click();
    await p.getByTestId('filter-chip').waitFor();
    await p.getByRole('link', { name: 'Drivers' }).click();
    await p.getByLabel('Window before each response (days)').fill('60');
    await p.getByRole('button', { name: 'Apply' }).click();
    await p.waitForFunction(() => /\bwindow=60\b/.test(location.hash));
    const activity = p.locator('[data-testid="correlation-table"] tbody tr button').first();
    await activity.waitFor();
    const eventType = await activity.innerText();
    await activity.click();
    await p.getByTestId('segment-comparison').waitFor();
    const link = p.url();

    // A colleague opens the copied link in a tab of their own and signs in.
    const theirs = await dashboard.page();
    const q = theirs.page;
    await signIn(q, baseUrl, keys.ANALYST, link.split('#/')[1]);
    const expectDrivers = async (page: Page) => {
      await page.getByTestId('segment-comparison').waitFor();
      expect(await page.getByTestId('segment-comparison').innerText()).toContain(eventType);
      expect(await page.getByLabel('Window before each response (days)').inputValue()).toBe('60');
      expect(await page.getByLabel('Time zone').inputValue()).toBe(zone);
      expect(await page.getByTestId('filter-chip').innerText()).toContain('plan = pro');
      expect(
        await page
          .getByRole('button', { name: 'Last 12 months', exact: true })
          .getAttribute('aria-pressed'),
      ).toBe('true');
    };
    await expectDrivers(q);
    // The figures are the API's for what the link says.
    const today = dateIn(new Date(), zone);
    const from = startOfDate(addDays(addMonths(today, -12), 1), zone).toISOString();
    const to = startOfDate(addDays(today, 1), zone).toISOString();
    const filter = '{ conditions: [{ property: "plan", equals: "pro" }] }';
    const answer = await dashboard.test.ok<{
      environment: { activityCorrelations: Array<{ observations: number }> };
    }>(
      keys.ANALYST,
      `query($env: ID!) { environment(id: $env) { activityCorrelations(from: "${from}", to: "${to}",
         windowDays: 60, filter: ${filter}) { observations } } }`,
      { env: dashboard.environmentId },
    );
    expect(await q.getByTestId('drivers').innerText()).toContain(
      `${formatCount(answer.environment.activityCorrelations[0].observations)} matched respondents`,
    );
    await q.reload();
    await expectDrivers(q);
    // The tabs carry the shared controls and filter to the next view.
    await q.getByRole('link', { name: 'Overview' }).click();
    expect(await q.getByLabel('Interval', { exact: true }).inputValue()).toBe('QUARTER');
    expect(await q.getByLabel('Count').inputValue()).toBe('LATEST_PER_PERSON');
    await expectOverview(
      q,
      await summary(
        dashboard,
        `from: "${from}", to: "${to}", dedupe: LATEST_PER_PERSON, filter: ${filter}, compareToPrevious: true`,
      ),
    );
    // Segments: the tab and the member search are kept too.
    await q.getByRole('link', { name: 'Segments' }).click();
    await q.getByRole('tab', { name: /Detractors/ }).click();
    await q.getByLabel('Search members').fill('example');
    await q.waitForFunction(() => location.hash.includes('q=example'));
    await q.reload();
    await q.getByRole('tab', { name: /Detractors/ }).waitFor();
    expect(await q.getByRole('tab', { name: /Detractors/ }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(await q.getByLabel('Search members').inputValue()).toBe('example');

    // Back walks the changes in the first tab, one step at a time.
    await p.goBack();
    await p.getByTestId('segment-comparison').waitFor({ state: 'detached' });
    expect(await p.getByLabel('Window before each response (days)').inputValue()).toBe('60');
    await p.goBack();
    await p.waitForFunction(
      () => document.querySelector('input[name="windowDays"]')?.value === '30',
    );
    await p.goBack();
    await p.locator('main[data-view="OVERVIEW"]').waitFor();
    expect(await p.getByTestId('filter-chip').innerText()).toContain('plan = pro');
    await p.goBack();
    await p.getByTestId('filter-chip').waitFor({ state: 'detached' });
    expect(await p.getByLabel('Count').inputValue()).toBe('LATEST_PER_PERSON');
    await p.goBack();
    await p.waitForFunction(() => document.querySelector('#ctl-dedupe')?.value === 'ALL_RESPONSES');
    await p.goForward();
    await p.waitForFunction(
      () => document.querySelector('#ctl-dedupe')?.value === 'LATEST_PER_PERSON',
    );
    expect(mine.errors).toEqual([]);
    expect(theirs.errors).toEqual([]);
  });
});
