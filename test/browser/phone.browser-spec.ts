import type { Locator, Page } from 'playwright-core';
import { screenshot } from '../../tools/harness/browser';
import { signIn } from './support/dashboard-pages';
import { type Dashboard, startDashboard } from './support/dashboard';
import type { PageDocument } from './support/page-dom';

declare const document: PageDocument;

const PHONE = { width: 390, height: 844 };

/** What is in the way of reading a view: how far the page scrolls sideways. */
const sidewaysOverflow = (p: Page) =>
  p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Every cell of the first row is on screen, with nothing to scroll sideways to. */
async function expectRowOnScreen(table: Locator, width: number) {
  const cells = table.locator('tbody tr').first().locator('td');
  const count = await cells.count();
  expect(count).toBeGreaterThan(2);
  for (let index = 0; index < count; index++) {
    const box = (await cells.nth(index).boundingBox())!;
    expect([index, box.x >= 0, box.x + box.width <= width]).toEqual([index, true, true]);
  }
  const scroll = await table.evaluate((element) => {
    const region = element.parentElement!;
    return region.scrollWidth - region.clientWidth;
  });
  expect(scroll).toBeLessThanOrEqual(0);
}

/** Waits for what each view shows once its data is in. */
const READY: Record<string, (p: Page) => Promise<unknown>> = {
  overview: (p) => p.getByTestId('trend-chart').waitFor(),
  engagement: (p) =>
    p.locator('[data-testid="engagement-trend"] [data-testid="trend-chart"]').waitFor(),
  drivers: (p) => p.locator('[data-testid="correlation-table"] tbody tr').first().waitFor(),
  segments: (p) => p.locator('[data-testid="members-table"] tbody tr').first().waitFor(),
  responses: (p) => p.getByTestId('response').first().waitFor(),
  accounts: (p) => p.locator('[data-testid="account-table"] tbody tr').first().waitFor(),
  'why-it-moved': (p) => p.getByTestId('waterfall').waitFor(),
  comments: (p) => p.locator('[data-testid="theme-table"] tbody tr').first().waitFor(),
  source: (p) => p.getByTestId('email-property').waitFor(),
};

describe('Dashboard on a phone in Chromium', () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard();
  });
  afterAll(() => dashboard?.close());

  it('offers the views as a menu and shows table rows as cards at 390 px', async () => {
    const watched = await dashboard.page(PHONE);
    const p = watched.page;
    await signIn(p, dashboard.baseUrl, dashboard.keys.ADMIN);
    await p.getByTestId('trend-chart').waitFor();
    // No row of tabs cut off at the edge: a menu naming the view on screen.
    const menu = p.getByTestId('nav-menu');
    expect(await menu.locator('summary').innerText()).toContain('Overview');
    await menu.locator('summary').click();
    const links = menu.getByRole('link');
    expect(await links.allInnerTexts()).toEqual([
      'Overview',
      'Engagement',
      'Drivers',
      'Segments',
      'Responses',
      'Accounts',
      'Comments',
      'Source',
      'Alerts',
      // An ADMIN key manages members and reads the audit log too.
      'Members',
      'Audit',
    ]);
    for (const link of await links.all()) {
      const box = (await link.boundingBox())!;
      expect(box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    }
    await menu.getByRole('link', { name: 'Drivers' }).click();
    await p.locator('main[data-view="DRIVERS"]').waitFor();
    expect(await menu.getByRole('link').count()).toBe(0);
    expect(await menu.locator('summary').innerText()).toContain('Drivers');
    await READY.drivers(p);
    await expectRowOnScreen(p.getByTestId('correlation-table'), PHONE.width);
    expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);

    await menu.locator('summary').click();
    await menu.getByRole('link', { name: 'Segments' }).click();
    await READY.segments(p);
    await expectRowOnScreen(p.getByTestId('members-table'), PHONE.width);
    expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);
    expect(watched.errors).toEqual([]);
  });

  it('takes a screenshot of every view at 1280 and 390 px, none scrolling sideways', async () => {
    const { environmentId, keys, baseUrl, test } = dashboard;
    const link = await test.ok<{ createEmbedLink: { token: string } }>(
      keys.ADMIN,
      `mutation($env: ID!) { createEmbedLink(environmentId: $env, view: OVERVIEW) { token } }`,
      { env: environmentId },
    );
    for (const width of [1280, PHONE.width]) {
      const watched = await dashboard.page({ width, height: width > 600 ? 900 : PHONE.height });
      const p = watched.page;
      await signIn(p, baseUrl, keys.ADMIN);
      for (const [route, ready] of Object.entries(READY)) {
        await p.goto(`${baseUrl}/#/${route}?env=${environmentId}`);
        await ready(p);
        await p.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
        await screenshot(p, `view-${route}-${width}`);
        expect([route, (await sidewaysOverflow(p)) <= 0]).toEqual([route, true]);
      }
      await p.goto(`${baseUrl}/embed?token=${encodeURIComponent(link.createEmbedLink.token)}`);
      await READY.overview(p);
      await screenshot(p, `view-embed-overview-${width}`);
      expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);
      expect(watched.errors).toEqual([]);
    }
  });
});
