import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Webhook } from 'standardwebhooks';
import { TestApp } from './support/test-app';
import {
  ALERTS_TEST_ENV,
  DELIVERING,
  EventView,
  Keys,
  addUsers,
  alertsEnvironment,
  createRule,
  evaluate,
  evaluateUntil,
  importResponses,
  settledEvents,
  startAlertsTestApp,
} from './support/alerts-fixtures';
import {
  ReceivedRequest,
  WebhookReceiver,
  startWebhookReceiver,
} from '../tools/harness/webhook-receiver';
import { SmtpCatcher, startSmtpCatcher } from '../tools/harness/smtp-catcher';

type Rule = {
  id: string;
  destinations: Array<{ id: string; kind: string; signingSecret: string | null }>;
};

/** Verifies a request with the standardwebhooks package (an implementation independent of ours). */
function verified(secret: string, request: ReceivedRequest) {
  return new Webhook(secret).verify(request.body, {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  }) as { type: string; data: Record<string, unknown> };
}

describe('alert delivery', () => {
  let test: TestApp;
  let receiver: WebhookReceiver;
  let catcher: SmtpCatcher;
  let environmentId: string;
  let keys: Keys;
  let serial = 0;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    catcher = await startSmtpCatcher();
    test = await startAlertsTestApp({ ...DELIVERING, SMTP_URL: catcher.url });
  });
  afterAll(async () => {
    await test.close();
    await receiver.close();
    await catcher.close();
  });

  /**
   * In an environment of its own, a DETRACTOR_RESPONSE rule to `destinations`, then one detractor
   * response; its event once settled.
   */
  async function fire(
    destinations: Array<Record<string, string>>,
    app: TestApp = test,
  ): Promise<{ rule: Rule; event: EventView }> {
    ({ environmentId, keys } = await alertsEnvironment(app));
    await addUsers(app, keys, environmentId, { pro: 3 });
    const rule = await createRule<Rule>(app, keys.ADMIN, environmentId, {
      name: `rule ${++serial}`,
      kind: 'DETRACTOR_RESPONSE',
      destinations,
    });
    await importResponses(app, keys, environmentId, [
      {
        id: `d-${serial}`,
        email: 'pro1@x.test',
        score: 3,
        comment: 'Export is broken',
        at: new Date(),
      },
    ]);
    // The import itself starts an evaluation; evaluateAlerts then finds the event made.
    const created = await evaluateUntil(app, keys.ADMIN, environmentId, rule.id, 1);
    const settled = await settledEvents(app, keys.ADMIN, environmentId);
    return { rule, event: settled.find((event) => event.id === created[0].id)! };
  }

  const at = (path: string) => receiver.requests.filter((request) => request.path === path);

  it('delivers once each to a signed webhook, Slack (Block Kit) and email (HTML and text)', async () => {
    const before = catcher.messages.length;
    const { rule, event } = await fire([
      { kind: 'WEBHOOK', url: `${receiver.url}/hook-a` },
      { kind: 'SLACK', url: `${receiver.url}/slack-a` },
      { kind: 'EMAIL', to: 'pm@x.test' },
    ]);
    expect(event.deliveries.map((d) => [d.kind, d.status, d.attempts])).toEqual([
      ['WEBHOOK', 'DELIVERED', 1],
      ['SLACK', 'DELIVERED', 1],
      ['EMAIL', 'DELIVERED', 1],
    ]);
    const [hook] = at('/hook-a');
    expect(at('/hook-a')).toHaveLength(1);
    const payload = verified(rule.destinations[0].signingSecret!, hook);
    expect(payload.type).toBe('nps.alert.detractor_response');
    expect(payload.data).toMatchObject({
      eventId: event.id,
      ruleId: rule.id,
      response: {
        score: 3,
        comment: 'Export is broken',
        email: 'pro1@x.test',
        userIdentity: 'pro-1',
      },
    });
    expect(String(hook.headers['webhook-id'])).toMatch(/^msg_[0-9a-f]{32}$/);
    // A changed body or another secret does not verify.
    expect(() =>
      verified(rule.destinations[0].signingSecret!, { ...hook, body: hook.body.replace('3', '4') }),
    ).toThrow();
    expect(() => verified(`whsec_${Buffer.alloc(24, 7).toString('base64')}`, hook)).toThrow();
    const slack = JSON.parse(at('/slack-a')[0].body);
    expect(slack.text).toBe(`Detractor response (score 3): ${`rule ${serial}`}`);
    expect(slack.blocks[1].text.text).toContain('Comment: Export is broken');
    expect(slack.blocks[2].elements[0].url).toMatch(/\/#\/responses\?env=/);
    const [mail] = (await catcher.waitForMessages(before + 1)).slice(before);
    expect(mail.envelopeTo).toEqual(['pm@x.test']);
    expect(mail.parsed.subject).toBe(`Detractor response (score 3): rule ${serial}`);
    expect(mail.parsed.text).toContain('Score 3 from pro1@x.test (user pro-1)');
    expect(mail.parsed.html).toContain('<li>Comment: Export is broken</li>');
    expect(mail.parsed.headers.get('x-alert-event')).toBe(event.id);
  });

  it('retries 503, 408 and 429 (waiting its Retry-After) and ends in one delivery with one id', async () => {
    receiver.failNext(1, { status: 503 }, '/hook-retry');
    receiver.failNext(1, { status: 408 }, '/hook-retry');
    receiver.failNext(
      1,
      { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' },
      '/hook-retry',
    );
    const { rule, event } = await fire([{ kind: 'WEBHOOK', url: `${receiver.url}/hook-retry` }]);
    expect(event.deliveries).toEqual([
      expect.objectContaining({ status: 'DELIVERED', attempts: 4, lastError: null }),
    ]);
    const attempts = at('/hook-retry');
    expect(attempts.map((request) => request.status)).toEqual([503, 408, 429, 200]);
    expect(new Set(attempts.map((request) => request.headers['webhook-id'])).size).toBe(1);
    for (const request of attempts) verified(rule.destinations[0].signingSecret!, request);
    const seconds = attempts.map((request) => Number(request.headers['webhook-timestamp']));
    expect(seconds[3] - seconds[2]).toBeGreaterThanOrEqual(1);
  });

  it('stops at a 4xx that will not change, with the error recorded', async () => {
    receiver.failNext(1, { status: 410, body: 'gone' }, '/hook-gone');
    const { event } = await fire([{ kind: 'WEBHOOK', url: `${receiver.url}/hook-gone` }]);
    expect(event.deliveries).toEqual([
      expect.objectContaining({
        status: 'FAILED',
        attempts: 1,
        lastError: expect.stringMatching(/answered 410: gone$/),
      }),
    ]);
    expect(at('/hook-gone')).toHaveLength(1);
  });

  it('gives up after ALERTS_MAX_ATTEMPTS, every attempt with the same id', async () => {
    receiver.failNext(8, { status: 500 }, '/slack-down');
    const { event } = await fire([{ kind: 'SLACK', url: `${receiver.url}/slack-down` }]);
    expect(event.deliveries).toEqual([
      expect.objectContaining({
        status: 'FAILED',
        attempts: 8,
        lastError: expect.stringMatching(/answered 500/),
      }),
    ]);
    expect(at('/slack-down')).toHaveLength(8);
  });

  it('retries an email the SMTP server refuses for now (451)', async () => {
    catcher.refuseNext(1, 451);
    const { event } = await fire([{ kind: 'EMAIL', to: 'retry@x.test' }]);
    expect(event.deliveries).toEqual([
      expect.objectContaining({ status: 'DELIVERED', attempts: 2 }),
    ]);
    expect(catcher.messages.filter((m) => m.envelopeTo.includes('retry@x.test'))).toHaveLength(1);
  });

  it('delivers each alert once when two instances send from one database', async () => {
    const second = await startAlertsTestApp({ ...DELIVERING, SMTP_URL: catcher.url });
    ({ environmentId, keys } = await alertsEnvironment(test));
    await addUsers(test, keys, environmentId, { pro: 3 });
    try {
      const rule = await createRule<Rule>(test, keys.ADMIN, environmentId, {
        name: 'two instances',
        kind: 'DETRACTOR_RESPONSE',
        destinations: [{ kind: 'WEBHOOK', url: `${receiver.url}/hook-two` }],
      });
      await importResponses(
        test,
        keys,
        environmentId,
        Array.from({ length: 40 }, (_, i) => ({
          id: `two-${i}`,
          email: 'pro2@x.test',
          score: i % 7,
          at: new Date(),
        })),
      );
      await Promise.all([
        evaluate(test, keys.ADMIN, environmentId),
        evaluate(second, keys.ADMIN, environmentId),
      ]);
      for (let round = 0; round < 100 && at('/hook-two').length < 40; round++) {
        await evaluate(second, keys.ADMIN, environmentId);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const settled = (await settledEvents(test, keys.ADMIN, environmentId)).filter(
        (e) => e.ruleId === rule.id,
      );
      expect(settled).toHaveLength(40);
      expect(
        settled.every(
          (e) => e.deliveries[0].status === 'DELIVERED' && e.deliveries[0].attempts === 1,
        ),
      ).toBe(true);
      const ids = at('/hook-two').map((request) => request.headers['webhook-id']);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    } finally {
      await second.close();
    }
  });
});

describe('a delivery worker killed mid-delivery', () => {
  let writer: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    writer = await startAlertsTestApp();
  });
  afterAll(async () => {
    await writer.close();
    await receiver.close();
  });

  it('is resent with the same webhook-id once its claim runs out, never lost', async () => {
    const { environmentId, keys } = await alertsEnvironment(writer);
    const rule = await createRule<Rule>(writer, keys.ADMIN, environmentId, {
      name: 'killed',
      kind: 'DETRACTOR_RESPONSE',
      destinations: [{ kind: 'WEBHOOK', url: `${receiver.url}/hook-killed` }],
    });
    await importResponses(writer, keys, environmentId, [
      { id: 'k-1', email: null, score: 2, at: new Date() },
    ]);
    await evaluateUntil(writer, keys.ADMIN, environmentId, rule.id, 1);
    receiver.holdNext();
    const worker = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'support', 'alert-worker.ts')],
      {
        env: {
          ...process.env,
          ...ALERTS_TEST_ENV,
          ALERTS_DELIVERY_TIMEOUT_MS: '3000',
          ALERTS_DELIVERY_LEASE_SECONDS: '4',
          DATA_DIR: mkdtempSync(join(tmpdir(), 'nps-test-alert-worker-')),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await new Promise<void>((resolve) =>
      createInterface({ input: worker.stdout! }).once('line', () => resolve()),
    );
    // The worker has sent the request; the receiver holds it unanswered. Kill it there.
    await receiver.waitForRequests(1, 60_000);
    worker.kill('SIGKILL');
    await exited;
    const [first] = at();
    expect(first.status).toBeNull();
    // Another instance takes the delivery over once the dead worker's lease ends.
    const rescuer = await startAlertsTestApp(DELIVERING);
    try {
      const [event] = await settledEvents(rescuer, keys.ADMIN, environmentId);
      expect(event.deliveries).toEqual([
        expect.objectContaining({ status: 'DELIVERED', attempts: 2 }),
      ]);
      const attempts = at();
      expect(attempts).toHaveLength(2);
      expect(attempts[1].headers['webhook-id']).toBe(first.headers['webhook-id']);
      verified(rule.destinations[0].signingSecret!, attempts[1]);
    } finally {
      await rescuer.close();
    }
    function at() {
      return receiver.requests.filter((request) => request.path === '/hook-killed');
    }
  });
});
