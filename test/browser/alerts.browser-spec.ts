import type { Locator, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { screenshot } from '../../tools/harness/browser';
import { SmtpCatcher, startSmtpCatcher } from '../../tools/harness/smtp-catcher';
import {
  ReceivedRequest,
  WebhookReceiver,
  startWebhookReceiver,
} from '../../tools/harness/webhook-receiver';
import {
  DELIVERING,
  addUsers,
  RULE_FIELDS,
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

interface SavedRule {
  id: string;
  name: string;
  destinations: Array<{
    id: string;
    kind: string;
    url: string | null;
    to: string | null;
    signingSecret: string | null;
  }>;
}

/** Whether `secret` signs the request, checked by the standardwebhooks package (not our code). */
function signedWith(secret: string, request: ReceivedRequest): boolean {
  try {
    new Webhook(secret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    });
    return true;
  } catch {
    return false;
  }
}

/** The rows of the form's destinations, in order. */
const destinationRows = (form: Locator) => form.getByTestId('destination-row');

describe('Alerts view in Chromium', () => {
  let dashboard: Dashboard;
  let receiver: WebhookReceiver;
  let catcher: SmtpCatcher;

  /** The environment's rules as the API answers them. */
  const savedRules = async (): Promise<SavedRule[]> => {
    const result = await dashboard.test.ok<{ environment: { alertRules: SavedRule[] } }>(
      dashboard.keys.ADMIN,
      `query($env: ID!) { environment(id: $env) { alertRules { ${RULE_FIELDS} } } }`,
      { env: dashboard.environmentId },
    );
    return result.environment.alertRules;
  };
  /** A page signed in with `key`, showing the Alerts view. */
  const alertsPage = async (key: string, width = 1280) => {
    const watched = await dashboard.page({ width, height: width > 600 ? 900 : 844 });
    await signIn(watched.page, dashboard.baseUrl, key);
    await watched.page.goto(`${dashboard.baseUrl}/#/alerts?env=${dashboard.environmentId}`);
    await watched.page.getByTestId('alert-rules').waitFor();
    return watched;
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // EMAIL destinations need mail configured; nothing here fires to them.
    catcher = await startSmtpCatcher();
    dashboard = await startDashboard({
      seed: false,
      start: () => startAlertsTestApp({ ...DELIVERING, SMTP_URL: catcher.url }),
    });
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
    await catcher?.close();
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

  it('creates a rule with a webhook and an email destination and shows the webhook secret once', async () => {
    const watched = await alertsPage(dashboard.keys.ADMIN);
    const p = watched.page;
    const form = p.getByTestId('alert-rule-form');
    await form.getByLabel('Name').fill('Two destinations');
    await form.getByLabel('Kind of destination 1').selectOption('WEBHOOK');
    await form.getByLabel('URL of destination 1').fill(`${receiver.url}/two-hook`);
    await form.getByRole('button', { name: 'Add destination' }).click();
    await form.getByLabel('Kind of destination 2').selectOption('EMAIL');
    await form.getByLabel('Email address of destination 2').fill('pm@example.com');
    expect(await destinationRows(form).count()).toBe(2);
    await form.getByRole('button', { name: 'Save rule' }).click();

    const secrets = p.getByTestId('saved-notice').getByTestId('signing-secret');
    await secrets.first().waitFor();
    expect(await secrets.count()).toBe(1);
    const shown = await secrets.first().innerText();
    expect(shown).toContain(`${receiver.url}/two-hook`);
    const secret = /whsec_\S+/.exec(shown)![0];
    // The form is empty again, with one row, for the next rule.
    expect(await form.getByLabel('Name').inputValue()).toBe('');
    expect(await destinationRows(form).count()).toBe(1);

    const row = p.getByTestId('alert-rules-table').locator('tr', { hasText: 'Two destinations' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/WEBHOOK\s+\S+\/two-hook[\s\S]*EMAIL\s+pm@example\.com/);
    const rule = (await savedRules()).find((item) => item.name === 'Two destinations')!;
    expect(rule.destinations.map((d) => [d.kind, d.url ?? d.to])).toEqual([
      ['WEBHOOK', `${receiver.url}/two-hook`],
      ['EMAIL', 'pm@example.com'],
    ]);

    // The secret on screen is the one the webhook signs with.
    const before = receiver.requests.length;
    await row.getByRole('button', { name: `Send test to ${receiver.url}/two-hook` }).click();
    await row.getByTestId('test-result').filter({ hasText: 'Delivered.' }).waitFor();
    const sent = receiver.requests.slice(before).filter((r) => r.path === '/two-hook');
    expect(sent).toHaveLength(1);
    expect(signedWith(secret, sent[0])).toBe(true);
    expect(watched.errors).toEqual([]);
  });

  it('edits a rule: the form filled from it, Cancel back to the list, then a new name and destinations', async () => {
    const { test, keys, environmentId } = dashboard;
    const created = await createRule<SavedRule>(test, keys.ADMIN, environmentId, {
      name: 'Edit me',
      kind: 'NPS_RISE',
      windowDays: 10,
      minChangePoints: 8,
      destinations: [
        { kind: 'WEBHOOK', url: `${receiver.url}/kept-hook` },
        { kind: 'SLACK', url: `${receiver.url}/gone-slack` },
      ],
    });
    const [kept, gone] = created.destinations;
    const watched = await alertsPage(keys.ADMIN);
    const p = watched.page;
    const rules = p.getByTestId('alert-rules-table');
    const row = rules.locator('tr', { hasText: 'Edit me' });
    await row.getByRole('button', { name: 'Edit Edit me' }).click();

    const form = p.getByTestId('alert-rule-edit');
    await form.waitFor();
    // In place of the list and the new-rule form.
    expect(await p.getByTestId('alert-rules').count()).toBe(0);
    expect(await p.getByTestId('alert-rule-form').count()).toBe(0);
    expect(await form.getByLabel('Name').inputValue()).toBe('Edit me');
    expect(await form.locator('select[name="kind"]').inputValue()).toBe('NPS_RISE');
    expect(await form.getByLabel('Current window (days)').inputValue()).toBe('10');
    expect(await form.getByLabel('Smallest change (points)').inputValue()).toBe('8');
    expect(await destinationRows(form).count()).toBe(2);
    expect(await form.getByLabel('Kind of destination 1').inputValue()).toBe('WEBHOOK');
    expect(await form.getByLabel('URL of destination 1').inputValue()).toBe(kept.url);
    expect(await form.getByLabel('Kind of destination 2').inputValue()).toBe('SLACK');
    expect(await form.getByLabel('URL of destination 2').inputValue()).toBe(gone.url);
    // The preview works on the edited settings too.
    await form.getByRole('button', { name: 'Preview 90 days' }).click();
    expect(await form.getByTestId('alert-preview').innerText()).toMatch(
      /in the last 90 days \(90 daily evaluations\)/,
    );

    await form.getByLabel('Name').fill('Not saved');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await row.waitFor();
    expect(await p.getByTestId('alert-rule-edit').count()).toBe(0);
    expect(await rules.locator('tr', { hasText: 'Not saved' }).count()).toBe(0);
    expect((await savedRules()).find((item) => item.id === created.id)!.name).toBe('Edit me');

    await row.getByRole('button', { name: 'Edit Edit me' }).click();
    await form.getByLabel('Name').fill('Edited rule');
    await form.getByRole('button', { name: 'Remove destination 2' }).click();
    await form.getByRole('button', { name: 'Add destination' }).click();
    await form.getByLabel('Kind of destination 2').selectOption('WEBHOOK');
    await form.getByLabel('URL of destination 2').fill(`${receiver.url}/added-hook`);
    await form.getByRole('button', { name: 'Add destination' }).click();
    await form.getByLabel('Kind of destination 3').selectOption('EMAIL');
    await form.getByLabel('Email address of destination 3').fill('ops@example.com');
    await p.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    await screenshot(p, 'view-alerts-edit-1280');
    await form.getByRole('button', { name: 'Save changes' }).click();

    // Back to the list, refreshed; only the added webhook's secret is shown.
    const edited = rules.locator('tr', { hasText: 'Edited rule' });
    await edited.waitFor();
    expect(await p.getByTestId('alert-rule-edit').count()).toBe(0);
    const secrets = p.getByTestId('saved-notice').getByTestId('signing-secret');
    expect(await secrets.count()).toBe(1);
    expect(await secrets.first().innerText()).toContain(
      `Destination 2, WEBHOOK ${receiver.url}/added-hook`,
    );

    await screenshot(p, 'view-alerts-edited-1280');
    const after = (await savedRules()).find((item) => item.id === created.id)!;
    expect(after.name).toBe('Edited rule');
    expect(after.destinations.map((d) => [d.kind, d.url ?? d.to])).toEqual([
      ['WEBHOOK', kept.url],
      ['WEBHOOK', `${receiver.url}/added-hook`],
      ['EMAIL', 'ops@example.com'],
    ]);
    expect(after.destinations[0].id).toBe(kept.id);
    expect(after.destinations.map((d) => d.id)).not.toContain(gone.id);
    // The kept webhook still signs with the secret it was created with.
    const before = receiver.requests.length;
    await edited.getByRole('button', { name: `Send test to ${kept.url}` }).click();
    await edited.getByTestId('test-result').filter({ hasText: 'Delivered.' }).waitFor();
    const sent = receiver.requests.slice(before).filter((r) => r.path === '/kept-hook');
    expect(sent).toHaveLength(1);
    expect(signedWith(kept.signingSecret!, sent[0])).toBe(true);
    expect(watched.errors).toEqual([]);
  });

  it('deletes a rule only once the in-page confirmation is pressed', async () => {
    const { test, keys, environmentId } = dashboard;
    const created = await createRule(test, keys.ADMIN, environmentId, {
      name: 'Delete me',
      kind: 'DETRACTOR_RESPONSE',
      destinations: [{ kind: 'SLACK', url: `${receiver.url}/delete-me` }],
    });
    const watched = await alertsPage(keys.ADMIN);
    const p = watched.page;
    const row = p.getByTestId('alert-rules-table').locator('tr', { hasText: 'Delete me' });
    await row.getByRole('button', { name: 'Delete Delete me…' }).click();
    const confirm = row.getByRole('group', { name: 'Confirm deleting Delete me' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await savedRules()).map((rule) => rule.id)).toContain(created.id);

    await row.getByRole('button', { name: 'Delete Delete me…' }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    expect((await savedRules()).map((rule) => rule.id)).not.toContain(created.id);
    expect(watched.errors).toEqual([]);
  });

  it('shows a problem with the second destination on that row, and fits 390 px', async () => {
    const { test, keys, environmentId } = dashboard;
    await createRule(test, keys.ADMIN, environmentId, {
      name: 'Three destinations',
      kind: 'DIGEST',
      destinations: [
        { kind: 'WEBHOOK', url: `${receiver.url}/a-rather-long-path/for-a-narrow-screen/hook` },
        { kind: 'SLACK', url: `${receiver.url}/slack` },
        { kind: 'EMAIL', to: 'a-long-address-for-a-phone@example.com' },
      ],
    });
    const watched = await alertsPage(keys.ADMIN, 390);
    const p = watched.page;
    const form = p.getByTestId('alert-rule-form');
    await form.getByLabel('Name').fill('Bad second destination');
    await form.getByLabel('URL of destination 1').fill(`${receiver.url}/fine`);
    await form.getByRole('button', { name: 'Add destination' }).click();
    await form.getByLabel('Kind of destination 2').selectOption('WEBHOOK');
    await form.getByLabel('URL of destination 2').fill('not a url');
    await form.getByRole('button', { name: 'Save rule' }).click();

    await form.getByTestId('rule-form-errors').waitFor();
    const [first, second] = [destinationRows(form).nth(0), destinationRows(form).nth(1)];
    expect(await second.innerText()).toContain('URL must be an https URL');
    expect(await form.getByLabel('URL of destination 2').getAttribute('aria-invalid')).toBe('true');
    expect(await first.getAttribute('data-invalid')).toBeNull();
    expect(await form.getByLabel('URL of destination 1').getAttribute('aria-invalid')).toBeNull();
    expect((await savedRules()).map((rule) => rule.name)).not.toContain('Bad second destination');
    await screenshot(p, 'view-alerts-destination-error-390');
    expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);

    // The edit form of a rule with several destinations fits too.
    await p
      .getByTestId('alert-rules-table')
      .getByRole('button', { name: 'Edit Three destinations' })
      .click();
    const edit = p.getByTestId('alert-rule-edit');
    await edit.waitFor();
    expect(await destinationRows(edit).count()).toBe(3);
    await screenshot(p, 'view-alerts-edit-390');
    expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);
  });

  it('shows an analyst the rules and history without controls to change them', async () => {
    const watched = await alertsPage(dashboard.keys.ANALYST);
    const p = watched.page;
    const rules = p.getByTestId('alert-rules-table');
    await rules.locator('tr', { hasText: 'Pro plan NPS drop' }).waitFor();
    await p.getByTestId('alert-events-table').waitFor();
    expect(await p.getByTestId('alert-rule-form').count()).toBe(0);
    for (const name of [/^Edit/, /^Delete/, /^Send test/, /^Evaluate now/, /^Add destination/])
      expect(await p.getByRole('button', { name }).count()).toBe(0);
    expect(await p.locator('main input, main select').count()).toBe(0);
    expect(watched.errors).toEqual([]);
  });
});
