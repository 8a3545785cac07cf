import { TestApp } from './support/test-app';
import { withTestDatabase } from './support/test-database';
import {
  Keys,
  RULE_FIELDS,
  alertsEnvironment,
  createRule,
  startAlertsTestApp,
} from './support/alerts-fixtures';
import { WebhookReceiver, startWebhookReceiver } from '../tools/harness/webhook-receiver';

const CREATE = `mutation($env: ID!, $input: AlertRuleInput!) {
  createAlertRule(environmentId: $env, input: $input) { ${RULE_FIELDS} } }`;

describe('alert rules over GraphQL', () => {
  let test: TestApp;
  let receiver: WebhookReceiver;
  let environmentId: string;
  let keys: Keys;

  beforeAll(async () => {
    test = await startAlertsTestApp();
    receiver = await startWebhookReceiver();
    ({ environmentId, keys } = await alertsEnvironment(test));
  });
  afterAll(async () => {
    await test.close();
    await receiver.close();
  });

  const listRules = async (key = keys.ANALYST) =>
    (
      await test.ok<{ environment: { alertRules: Array<Record<string, unknown>> } }>(
        key,
        `query($env: ID!) { environment(id: $env) { alertRules { ${RULE_FIELDS} } } }`,
        { env: environmentId },
      )
    ).environment.alertRules;

  it('refuses bad input naming each field, and saves nothing', async () => {
    const result = await test.graphql(keys.ADMIN, CREATE, {
      env: environmentId,
      input: {
        name: ' ',
        kind: 'NPS_DROP',
        windowDays: 0,
        confidence: 2,
        minChangePoints: -1,
        schedule: '0 9 * * 1',
        destinations: [],
      },
    });
    const error = result.errors![0];
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (error.extensions?.problems as Array<{ field: string }>).map((p) => p.field);
    expect(fields).toEqual([
      'name',
      'windowDays',
      'minChangePoints',
      'confidence',
      'schedule',
      'destinations',
    ]);
    expect(error.message).toMatch(/windowDays must be a whole number from 1 to 90/);
    const urls = await test.graphql(keys.ADMIN, CREATE, {
      env: environmentId,
      input: {
        name: 'x',
        kind: 'DETRACTOR_RESPONSE',
        destinations: [
          { kind: 'WEBHOOK', url: 'ftp://hooks.example.com/x' },
          { kind: 'SLACK' },
          { kind: 'EMAIL', to: 'not an address' },
        ],
      },
    });
    expect(
      (urls.errors![0].extensions?.problems as Array<{ field: string }>).map((p) => p.field),
    ).toEqual(['destinations[0].url', 'destinations[1].url', 'destinations[2].to']);
    expect(urls.errors![0].message).toMatch(/ftp is refused/);
    expect(await listRules()).toEqual([]);
  });

  it('lets ADMIN and ARCHITECT write, ANALYST only read, and other environments nothing', async () => {
    const input = {
      name: 'analyst try',
      kind: 'DETRACTOR_RESPONSE',
      destinations: [{ kind: 'SLACK', url: `${receiver.url}/slack` }],
    };
    const refused = await test.graphql(keys.ANALYST, CREATE, { env: environmentId, input });
    expect(refused.errors![0].extensions?.code).toBe('FORBIDDEN');
    const other = await alertsEnvironment(test);
    const across = await test.graphql(other.keys.ADMIN, CREATE, { env: environmentId, input });
    expect(across.errors![0].extensions?.code).toBe('FORBIDDEN');
    const rule = await createRule<{ state: string }>(test, keys.ARCHITECT, environmentId, input);
    expect(rule.state).toBe('ARMED');
    expect((await listRules()).map((item) => item.id)).toEqual([rule.id]);
    const deleted = await test.ok<{ deleteAlertRule: boolean }>(
      keys.ADMIN,
      'mutation($env: ID!, $id: ID!) { deleteAlertRule(environmentId: $env, id: $id) }',
      { env: environmentId, id: rule.id },
    );
    expect(deleted.deleteAlertRule).toBe(true);
    expect(await listRules()).toEqual([]);
  });

  it('shows a webhook secret once, keeps it across updates, and never returns it again', async () => {
    type Rule = { destinations: Array<{ id: string; signingSecret: string | null; url: string }> };
    const rule = await createRule<Rule>(test, keys.ADMIN, environmentId, {
      name: 'Pro drop',
      kind: 'NPS_DROP',
      filter: { conditions: [{ property: 'plan', equals: 'pro' }] },
      destinations: [{ kind: 'WEBHOOK', url: `${receiver.url}/hook` }],
    });
    const [webhook] = rule.destinations;
    expect(webhook.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const listed = (await listRules()) as unknown as Rule[];
    expect(listed[0].destinations[0].signingSecret).toBeNull();
    expect(JSON.stringify(listed)).not.toContain(webhook.signingSecret!.slice(6));
    const updated = await test.ok<{ updateAlertRule: Rule }>(
      keys.ADMIN,
      `mutation($env: ID!, $id: ID!, $input: AlertRuleInput!) {
         updateAlertRule(environmentId: $env, id: $id, input: $input) { ${RULE_FIELDS} } }`,
      {
        env: environmentId,
        id: rule.id,
        input: {
          name: 'Pro drop',
          kind: 'NPS_DROP',
          minChangePoints: 8,
          destinations: [
            { kind: 'WEBHOOK', url: `${receiver.url}/hook` },
            { kind: 'WEBHOOK', url: `${receiver.url}/second` },
          ],
        },
      },
    );
    const [kept, added] = updated.updateAlertRule.destinations;
    expect(kept.id).toBe(webhook.id);
    expect(kept.signingSecret).toBeNull();
    expect(added.signingSecret).toMatch(/^whsec_/);
    const { rows } = await withTestDatabase((client) =>
      client.query('SELECT secret_ciphertext FROM alert_destinations WHERE id = $1', [webhook.id]),
    );
    expect(rows[0].secret_ciphertext).toMatch(/^v1:/);
    expect(rows[0].secret_ciphertext).not.toContain(webhook.signingSecret!.slice(6, 20));
  });

  it('sends a test alert to a saved destination and to one given in the call', async () => {
    const rule = await createRule<{ destinations: Array<{ id: string }> }>(
      test,
      keys.ADMIN,
      environmentId,
      {
        name: 'Detractors to Slack',
        kind: 'DETRACTOR_RESPONSE',
        destinations: [{ kind: 'SLACK', url: `${receiver.url}/slack-test` }],
      },
    );
    const before = receiver.requests.length;
    const sent = await test.ok<{ sendTestAlert: { delivered: boolean; webhookId: string } }>(
      keys.ADMIN,
      'mutation($env: ID!, $id: ID) { sendTestAlert(environmentId: $env, destinationId: $id) { delivered status error webhookId } }',
      { env: environmentId, id: rule.destinations[0].id },
    );
    expect(sent.sendTestAlert.delivered).toBe(true);
    const [slack] = (await receiver.waitForRequests(before + 1)).slice(before);
    expect(slack.path).toBe('/slack-test');
    const body = JSON.parse(slack.body);
    expect(body.text).toMatch(/^\[Test\] Detractor response \(score 3\)/);
    expect(body.blocks.map((block: { type: string }) => block.type)).toEqual([
      'header',
      'section',
      'actions',
      'context',
    ]);
    receiver.failNext(1, { status: 404, body: 'no_service' });
    const failed = await test.ok<{
      sendTestAlert: { delivered: boolean; status: number; error: string };
    }>(
      keys.ADMIN,
      'mutation($env: ID!, $d: AlertDestinationInput) { sendTestAlert(environmentId: $env, destination: $d) { delivered status error webhookId } }',
      { env: environmentId, d: { kind: 'WEBHOOK', url: `${receiver.url}/gone` } },
    );
    expect(failed.sendTestAlert).toMatchObject({ delivered: false, status: 404 });
    expect(failed.sendTestAlert.error).toMatch(/answered 404: no_service/);
  });
});

describe('alert URLs without ALERTS_ALLOW_PRIVATE_URLS', () => {
  let test: TestApp;
  let environmentId: string;
  let keys: Keys;

  beforeAll(async () => {
    test = await startAlertsTestApp({ ALERTS_ALLOW_PRIVATE_URLS: 'false' });
    ({ environmentId, keys } = await alertsEnvironment(test));
  });
  afterAll(() => test.close());

  it.each([
    ['http://hooks.example.com/x', /must use https/],
    ['https://127.0.0.1/x', /not a loopback one/],
    ['https://10.1.2.3/x', /not a private one/],
    ['https://169.254.169.254/latest', /not a linkLocal one/],
    ['https://[::1]/x', /not a loopback one/],
    ['https://user:pw@hooks.example.com/x', /user name or password/],
    ['javascript:alert(1)', /javascript is refused/],
  ])('refuses %s when the rule is saved', async (url, message) => {
    const result = await test.graphql(keys.ADMIN, CREATE, {
      env: environmentId,
      input: { name: 'r', kind: 'DETRACTOR_RESPONSE', destinations: [{ kind: 'WEBHOOK', url }] },
    });
    expect(result.errors![0].extensions?.problems).toEqual([
      { field: 'destinations[0].url', message: expect.stringMatching(message) },
    ]);
    expect(result.errors![0].message).not.toContain('pw@');
  });

  it('refuses a host name that resolves to a loopback address when sending', async () => {
    const rule = await createRule<{ destinations: Array<{ id: string }> }>(
      test,
      keys.ADMIN,
      environmentId,
      {
        name: 'local name',
        kind: 'DETRACTOR_RESPONSE',
        destinations: [{ kind: 'SLACK', url: 'https://localhost:9/hook' }],
      },
    );
    const sent = await test.ok<{ sendTestAlert: { delivered: boolean; error: string } }>(
      keys.ADMIN,
      'mutation($env: ID!, $id: ID) { sendTestAlert(environmentId: $env, destinationId: $id) { delivered error webhookId } }',
      { env: environmentId, id: rule.destinations[0].id },
    );
    expect(sent.sendTestAlert.delivered).toBe(false);
    expect(sent.sendTestAlert.error).toMatch(
      /^https:\/\/localhost:9 resolves to a loopback address, which alerts do not call/,
    );
  });
});
