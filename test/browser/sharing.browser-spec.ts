import type { Page } from 'playwright-core';
import { signIn } from './support/browser';
import { type Dashboard, startDashboard } from './support/dashboard';

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
});
