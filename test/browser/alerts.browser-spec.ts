import type { Page } from 'playwright-core';
import { screenshot } from '../../tools/harness/browser';
import { WebhookReceiver, startWebhookReceiver } from '../../tools/harness/webhook-receiver';
import {
  DELIVERING,
  addUsers,
  createRule,
  evaluateUntil,
  importResponses,
  plantedProDrop,
  settledEvents,
  startAlertsTestApp,
} from '../support/alerts-fixtures';
import { signIn } from './support/dashboard-pages';
import { type Dashboard, startDashboard } from './support/dashboard';
import type { PageDocument } from './support/page-dom';

declare const document: PageDocument;

const DAY = 86_400_000;
const sidewaysOverflow = (p: Page) =>
  p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('Alerts view in Chromium', () => {
  let dashboard: Dashboard;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    dashboard = await startDashboard({ seed: false, start: () => startAlertsTestApp(DELIVERING) });
    const { test, keys, environmentId } = dashboard;
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env: environmentId },
    );
    await addUsers(test, keys, environmentId, { pro: 20, free: 20 });
    const now = Date.now();
    const baseline = { from: new Date(now - 35 * DAY), to: new Date(now - 7 * DAY) };
    const current = { from: new Date(now - 7 * DAY), to: new Date(now - 3_600_000) };
    await importResponses(test, keys, environmentId, plantedProDrop(baseline, current));
    const rule = await createRule(test, keys.ADMIN, environmentId, {
      name: 'Pro plan NPS drop',
      kind: 'NPS_DROP',
      filter: { conditions: [{ property: 'plan', equals: 'pro' }] },
      destinations: [{ kind: 'SLACK', url: `${receiver.url}/slack` }],
    });
    const detractors = await createRule(test, keys.ADMIN, environmentId, {
      name: 'Detractors who wrote',
      kind: 'DETRACTOR_RESPONSE',
      commentRequired: true,
      destinations: [{ kind: 'WEBHOOK', url: `${receiver.url}/hook` }],
    });
    await evaluateUntil(test, keys.ADMIN, environmentId, rule.id, 1);
    await importResponses(test, keys, environmentId, [
      {
        id: 'angry',
        email: 'pro3@x.test',
        score: 2,
        comment: 'Exports time out every morning',
        at: new Date(),
      },
    ]);
    await evaluateUntil(test, keys.ADMIN, environmentId, detractors.id, 1);
    await settledEvents(test, keys.ADMIN, environmentId);
  });
  afterAll(async () => {
    await dashboard?.close();
    await receiver?.close();
  });

  it('shows rules with their state, previews a new rule, test-sends, and links a drop to the trend', async () => {
    const { baseUrl, keys, environmentId } = dashboard;
    for (const width of [1280, 390]) {
      const watched = await dashboard.page({ width, height: width > 600 ? 900 : 844 });
      const p = watched.page;
      await signIn(p, baseUrl, keys.ADMIN);
      await p.goto(`${baseUrl}/#/alerts?env=${environmentId}`);
      const rules = p.getByTestId('alert-rules-table');
      await rules.waitFor();
      await p.getByTestId('rule-state').filter({ hasText: 'Firing' }).waitFor();
      // The drop's Slack delivery and the detractor's webhook delivery, seen as the page polls.
      await p
        .getByTestId('delivery')
        .filter({ hasText: 'delivered' })
        .nth(1)
        .waitFor({ timeout: 30_000 });
      const history = await p.getByTestId('alert-events-table').innerText();
      expect(history).toContain('Pro plan NPS drop');
      expect(history).toContain('−80.0 points');
      expect(history).toContain('Exports time out every morning');

      const form = p.getByTestId('alert-rule-form');
      await form.getByLabel('Name').fill(`All users drop ${width}`);
      await form.getByLabel('URL').fill(`${receiver.url}/new-${width}`);
      await form.getByRole('button', { name: 'Preview 90 days' }).click();
      const preview = p.getByTestId('alert-preview');
      await preview.waitFor();
      expect(await preview.innerText()).toMatch(
        /^Would have sent 1 alert in the last 90 days \(90 daily evaluations\)/,
      );
      await p.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
      await screenshot(p, `view-alerts-${width}`);
      expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);

      await form.getByRole('button', { name: 'Save rule' }).click();
      await rules.getByText(`All users drop ${width}`).waitFor();
      const row = rules.locator('tr', { hasText: 'Pro plan NPS drop' });
      await row.getByRole('button', { name: 'Send test' }).click();
      await row.getByTestId('test-result').filter({ hasText: 'Delivered.' }).waitFor();

      await p.getByTestId('trend-link').first().click();
      await p.locator('main[data-view="OVERVIEW"]').waitFor();
      const hash = new URLSearchParams(new URL(p.url()).hash.split('?')[1]);
      expect(hash.get('range')).toBe('custom');
      expect(hash.get('mark')!.split('~')).toHaveLength(3);
      expect(hash.getAll('f')).toEqual(['plan:is:pro']);
      // The trend shades the baseline and the current window of the alert.
      const marks = p.getByTestId('trend-marks');
      await marks.waitFor();
      expect(await marks.locator('rect').count()).toBe(2);
      await p.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
      await screenshot(p, `view-alerts-trend-${width}`);
      expect(watched.errors).toEqual([]);
    }
  });
});
