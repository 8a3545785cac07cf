import type { AddressInfo } from 'node:net';
import {
  DelightedSimulator,
  signWebhookBody,
} from '../tools/delighted-simulator/delighted-simulator';
import {
  comparable,
  connectedEnvironment,
  expectedResponses,
  startSimulator,
  startSyncTestApp,
  storedResponses,
  submitSurveyEvents,
  syncNow,
} from './support/delighted-fixtures';
import { TestApp, createEnvironmentWithKeys } from './support/test-app';
import { withTestDatabase } from './support/test-database';

const NOW = Math.floor(Date.now() / 1000);
const DAY = 86_400;

describe('Delighted source: connecting', () => {
  let test: TestApp;
  let simulator: DelightedSimulator;

  beforeAll(async () => {
    test = await startSyncTestApp();
    simulator = await startSimulator({ responses: 30, seed: 7 });
  });
  afterAll(async () => {
    await test.close();
    await simulator.stop();
  });

  const codeOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    result.errors?.[0]?.extensions?.code;
  const connect = (key: string, env: string, apiKey: string, apiUrl = simulator.baseUrl) =>
    test.graphql(
      key,
      `mutation($env: ID!, $key: String!, $url: String) {
         connectDelighted(environmentId: $env, apiKey: $key, apiUrl: $url, startBackfill: false) { status apiKeyLast4 apiUrl } }`,
      { env, key: apiKey, url: apiUrl },
    );
  const setEmail = (key: string, env: string, property: string) =>
    test.graphql(
      key,
      'mutation($env: ID!, $p: String!) { setEmailProperty(environmentId: $env, property: $p) { emailProperty } }',
      {
        env,
        p: property,
      },
    );

  it('lets only ADMIN or ARCHITECT pick the email property, once, whatever the second value', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    expect(codeOf(await setEmail(keys.ANALYST, environmentId, 'email'))).toBe('FORBIDDEN');
    expect(codeOf(await setEmail(keys.ARCHITECT, environmentId, '   '))).toBe('BAD_USER_INPUT');
    const first = await setEmail(keys.ARCHITECT, environmentId, 'email');
    expect(first.data).toEqual({ setEmailProperty: { emailProperty: 'email' } });
    for (const value of ['email', 'work_email']) {
      const again = await setEmail(keys.ADMIN, environmentId, value);
      expect(codeOf(again)).toBe('CONFLICT');
      expect(again.errors?.[0].message).toMatch(/already "email" and cannot be changed/);
    }
  });

  it('refuses to connect before the email property is chosen', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    const result = await connect(keys.ARCHITECT, environmentId, simulator.apiKey);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/setEmailProperty/);
  });

  it('checks the key against the API and saves nothing when it is rejected or unreachable', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    await setEmail(keys.ARCHITECT, environmentId, 'email');
    const rejected = await connect(keys.ARCHITECT, environmentId, 'wrong_key');
    expect(codeOf(rejected)).toBe('BAD_USER_INPUT');
    expect(rejected.errors?.[0].message).toMatch(/the Delighted API rejected this key/i);
    const unreachable = await connect(
      keys.ARCHITECT,
      environmentId,
      simulator.apiKey,
      'http://127.0.0.1:9/v1',
    );
    expect(codeOf(unreachable)).toBe('UPSTREAM_ERROR');
    expect(unreachable.errors?.[0].message).toMatch(/unreachable/);
    expect(codeOf(await connect(keys.ANALYST, environmentId, simulator.apiKey))).toBe('FORBIDDEN');
    const source = await test.ok<{ environment: { delightedSource: null } }>(
      keys.ADMIN,
      'query($env: ID!) { environment(id: $env) { delightedSource { status } } }',
      { env: environmentId },
    );
    expect(source.environment.delightedSource).toBeNull();
  });

  it('stores the key encrypted and shows only its last four characters', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    await setEmail(keys.ARCHITECT, environmentId, 'email');
    const connected = await connect(keys.ARCHITECT, environmentId, simulator.apiKey);
    expect(connected.data).toEqual({
      connectDelighted: {
        status: 'WAITING_FOR_DATA',
        apiKeyLast4: 'abcd',
        apiUrl: simulator.baseUrl,
      },
    });
    const stored = await withTestDatabase((client) =>
      client.query(
        'SELECT row_to_json(s)::text AS row FROM delighted_sources s WHERE environment_id = $1',
        [environmentId],
      ),
    );
    expect(stored.rows[0].row).not.toContain(simulator.apiKey);
    expect(JSON.stringify(connected)).not.toContain(simulator.apiKey);
  });
});

describe('Delighted source: backfill, matching and incremental sync', () => {
  let test: TestApp;
  let simulator: DelightedSimulator;
  let environmentId: string;
  let keys: Awaited<ReturnType<typeof connectedEnvironment>>['keys'];

  const base = NOW - 30 * DAY;
  beforeAll(async () => {
    test = await startSyncTestApp({ DELIGHTED_PER_PAGE: '3', DELIGHTED_OVERLAP_MINUTES: '60' });
    simulator = await startSimulator({
      responses: [
        {
          id: '101',
          person: { id: 'p1', email: '  Alice@Example.COM ' },
          score: 10,
          created_at: base,
          updated_at: null,
        },
        {
          id: '102',
          person: { id: 'p2', email: 'bob@example.com' },
          score: 3,
          comment: 'slow',
          created_at: base + 60,
          updated_at: base + 120,
        },
        {
          id: '103',
          person: { id: 'p3', email: null, phone_number: '+15550001' },
          score: 8,
          created_at: base + 120,
          updated_at: null,
        },
        {
          id: '104',
          person: { id: 'p1', email: '  Alice@Example.COM ' },
          score: 6,
          created_at: base + 180,
          updated_at: null,
        },
        {
          id: '105',
          person: { id: 'p4', email: 'CAROL@example.com' },
          survey_type: 'csat',
          score: 4,
          created_at: base + 240,
          updated_at: null,
        },
        {
          id: '106',
          person: { id: 'p5', email: 'late@example.com' },
          score: 9,
          created_at: base + 300,
          updated_at: base + 400,
        },
        {
          id: '107',
          person: { id: 'p6', email: 'dave@example.com' },
          score: 0,
          created_at: base + 360,
          updated_at: null,
        },
      ],
    });
    ({ environmentId, keys } = await connectedEnvironment(test, simulator));
    // Users exist before the backfill for alice, bob and carol (emails typed differently).
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({
        app_id: environmentId,
        users: [
          { identity: 'u-alice', properties: { email: 'alice@example.com ' } },
          { identity: 'u-bob', properties: { email: 'BOB@EXAMPLE.COM' } },
          { identity: 'u-carol', properties: { email: 'carol@example.com' } },
        ],
      })
      .expect(200);
  });
  afterAll(async () => {
    await test.close();
    await simulator.stop();
  });

  const sourceQuery = `query($env: ID!) { environment(id: $env) { delightedSource {
      status firstResponseAt lastSyncAt lastError
      backfill { responsesDone pagesDone estimatedTotal percent completedAt }
      syncRuns(first: 10) { totalCount edges { node { outcome trigger pages responsesInserted } } } } } }`;

  it('backfills every response once, waiting for data until the first is stored', async () => {
    const before = await test.ok<{ environment: { delightedSource: { status: string } } }>(
      keys.ANALYST,
      sourceQuery,
      { env: environmentId },
    );
    expect(before.environment.delightedSource.status).toBe('WAITING_FOR_DATA');
    const run = await syncNow(test, keys.ARCHITECT, environmentId);
    expect(run.outcome).toBe('SUCCEEDED');
    expect(run.responsesInserted).toBe(7);
    expect(comparable(await storedResponses(environmentId))).toEqual(expectedResponses(simulator));
    type Source = {
      status: string;
      firstResponseAt: string | null;
      backfill: { estimatedTotal: number | null };
      syncRuns: { edges: Array<{ node: { outcome: string; trigger: string } }> };
    };
    const after = await test.ok<{ environment: { delightedSource: Source } }>(
      keys.ANALYST,
      sourceQuery,
      { env: environmentId },
    );
    const source = after.environment.delightedSource;
    expect(source.status).toBe('CONNECTED');
    expect(source.firstResponseAt).not.toBeNull();
    expect(source.backfill).toMatchObject({ responsesDone: 7, pagesDone: 3, percent: 100 });
    // The simulator's metrics count NPS responses only: 6 of the 7.
    expect(source.backfill.estimatedTotal).toBe(6);
    expect(source.syncRuns.edges[0].node).toMatchObject({
      outcome: 'SUCCEEDED',
      trigger: 'MANUAL',
    });
  });

  it('matches responses to users by trimmed, lower-cased email and keeps SMS-only and unmatched ones', async () => {
    const rows = await storedResponses(environmentId);
    const users = await withTestDatabase((client) =>
      client.query('SELECT id, identity FROM users WHERE environment_id = $1', [environmentId]),
    );
    const identityOf = (userId: string | null) =>
      users.rows.find((user) => user.id === userId)?.identity ?? null;
    expect(
      Object.fromEntries(rows.map((row) => [row.response_id, identityOf(row.user_id)])),
    ).toEqual({
      '101': 'u-alice',
      '102': 'u-bob',
      '103': null,
      '104': 'u-alice',
      '105': 'u-carol',
      '106': null,
      '107': null,
    });
    expect(rows.find((row) => row.response_id === '105')?.is_nps).toBe(false);
    expect(rows.find((row) => row.response_id === '103')?.person_id).toBe('p3');
  });

  it('makes one Submit Survey event per matched response with the Heap properties', async () => {
    const events = await submitSurveyEvents(environmentId);
    expect(events.map((event) => event.idempotency_key)).toEqual([
      'survey:101',
      'survey:102',
      'survey:104',
      'survey:105',
    ]);
    const bob = events.find((event) => event.idempotency_key === 'survey:102')!;
    expect(bob.time.getTime()).toBe((base + 60) * 1000);
    expect(bob.properties).toMatchObject({
      Score: 3,
      Comment: 'slow',
      Permalink: expect.stringMatching(/^https?:\/\//),
      'Created at': new Date((base + 60) * 1000).toISOString(),
      'Updated at': new Date((base + 120) * 1000).toISOString(),
      'Survey type': 'nps',
    });
    expect(
      events.find((event) => event.idempotency_key === 'survey:101')!.properties['Updated at'],
    ).toBeNull();
  });

  it('attaches a waiting response as soon as a user carries its email', async () => {
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({
        app_id: environmentId,
        identity: 'u-late',
        properties: { email: 'Late@Example.com' },
      })
      .expect(200);
    const rows = await storedResponses(environmentId);
    expect(rows.find((row) => row.response_id === '106')?.user_id).not.toBeNull();
    const events = await submitSurveyEvents(environmentId);
    expect(events.map((event) => event.idempotency_key)).toContain('survey:106');
  });

  it('picks the most recently seen user when several carry the email', async () => {
    await test.http
      .post('/api/track')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({
        app_id: environmentId,
        events: [
          {
            identity: 'dave-old',
            event: 'Login',
            timestamp: new Date((NOW - 10 * DAY) * 1000).toISOString(),
          },
          {
            identity: 'dave-new',
            event: 'Login',
            timestamp: new Date((NOW - 1 * DAY) * 1000).toISOString(),
          },
        ],
      })
      .expect(200);
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({
        app_id: environmentId,
        users: [
          { identity: 'dave-old', properties: { email: 'dave@example.com' } },
          { identity: 'dave-new', properties: { email: 'Dave@example.com' } },
        ],
      })
      .expect(200);
    const users = await withTestDatabase((client) =>
      client.query(`SELECT id FROM users WHERE environment_id = $1 AND identity = 'dave-new'`, [
        environmentId,
      ]),
    );
    const row = (await storedResponses(environmentId)).find(
      (response) => response.response_id === '107',
    );
    expect(row?.user_id).toBe(users.rows[0].id);
  });

  it('picks up changed scores and comments, updating the event in place, and new responses with no updated_at', async () => {
    simulator.updateResponse('102', { score: 9, comment: 'much better now' }, NOW - 60);
    simulator.addResponse({
      id: '108',
      person: { id: 'p2', email: 'bob@example.com' },
      score: 7,
      created_at: NOW - 30,
      updated_at: null,
    });
    const run = await syncNow(test, keys.ARCHITECT, environmentId);
    expect(run.outcome).toBe('SUCCEEDED');
    expect(comparable(await storedResponses(environmentId))).toEqual(expectedResponses(simulator));
    const events = await submitSurveyEvents(environmentId);
    const bobEvents = events.filter((event) =>
      ['survey:102', 'survey:108'].includes(event.idempotency_key),
    );
    expect(
      bobEvents.map((event) => [
        event.idempotency_key,
        event.properties.Score,
        event.properties.Comment,
      ]),
    ).toEqual([
      ['survey:102', 9, 'much better now'],
      ['survey:108', 7, null],
    ]);
    const typeCount = await withTestDatabase((client) =>
      client.query(
        `SELECT (SELECT count FROM event_types WHERE environment_id = $1 AND name = 'Submit Survey') AS rollup,
                (SELECT count(*) FROM events WHERE environment_id = $1 AND name = 'Submit Survey') AS actual`,
        [environmentId],
      ),
    );
    expect(Number(typeCount.rows[0].rollup)).toBe(Number(typeCount.rows[0].actual));
  });

  it('replays the overlap without writing anything new', async () => {
    const run = await syncNow(test, keys.ARCHITECT, environmentId);
    expect(run.outcome).toBe('SUCCEEDED');
    expect(run.responsesFetched).toBeGreaterThan(0);
    expect(run.responsesInserted + run.responsesUpdated).toBe(0);
  });

  it('catches an update committed within the same second as the watermark', async () => {
    const last = simulator.listResponses().find((response) => response.id === '102')!;
    simulator.updateResponse('102', { comment: 'same second edit' }, last.updated_at!);
    await syncNow(test, keys.ARCHITECT, environmentId);
    expect(
      (await storedResponses(environmentId)).find((row) => row.response_id === '102')?.comment,
    ).toBe('same second edit');
  });

  it('agrees with metrics.json on count and NPS after the backfill', async () => {
    const metrics = (await (
      await fetch(`${simulator.baseUrl}/metrics.json`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${simulator.apiKey}:`).toString('base64')}`,
        },
      })
    ).json()) as { response_count: number; nps: number };
    const rows = (await storedResponses(environmentId)).filter((row) => row.is_nps);
    const promoters = rows.filter((row) => row.score >= 9).length;
    const detractors = rows.filter((row) => row.score <= 6).length;
    expect(rows.length).toBe(metrics.response_count);
    expect(Math.round((100 * (promoters - detractors)) / rows.length)).toBe(metrics.nps);
  });
});

describe('Delighted webhooks', () => {
  let test: TestApp;
  let simulator: DelightedSimulator;
  let environmentId: string;

  beforeAll(async () => {
    test = await startSyncTestApp();
    simulator = await startSimulator({ responses: [] });
    ({ environmentId } = await connectedEnvironment(test, simulator));
    await test.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await test.close();
    await simulator.stop();
  });

  const url = () =>
    `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}/webhooks/delighted/${environmentId}`;

  it('stores a signed delivery, ignores repeats and never lets an older version win', async () => {
    const response = simulator.addResponse({
      id: '900',
      person: { id: 'w1', email: 'w@example.com' },
      score: 5,
      created_at: NOW - 100,
    });
    const created = await simulator.sendWebhook(url(), 'survey_response.created', response.id);
    expect(created.status).toBe(200);
    expect(JSON.parse(created.responseBody)).toEqual({ ok: true, result: 'inserted' });
    const repeat = await simulator.sendWebhook(url(), 'survey_response.created', response.id);
    expect(JSON.parse(repeat.responseBody).result).toBe('unchanged');
    const older = simulator.buildWebhookPayload('survey_response.created', response.id);
    simulator.updateResponse('900', { score: 10, comment: 'love it' }, NOW - 10);
    expect(
      JSON.parse(
        (await simulator.sendWebhook(url(), 'survey_response.updated', '900')).responseBody,
      ).result,
    ).toBe('updated');
    // The first version arrives late: nothing changes.
    const rawBody = JSON.stringify(older);
    const late = await fetch(url(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-delighted-webhook-signature': signWebhookBody(rawBody, simulator.apiKey),
      },
      body: rawBody,
    });
    expect(await late.json()).toEqual({ ok: true, result: 'unchanged' });
    const [row] = await storedResponses(environmentId);
    expect([row.score, row.comment]).toEqual([10, 'love it']);
  });

  it('answers 401 to a bad or missing signature and stores nothing', async () => {
    const response = simulator.addResponse({ id: '901', score: 2, created_at: NOW - 50 });
    const bad = await simulator.sendWebhook(url(), 'survey_response.created', response.id, {
      badSignature: true,
    });
    expect(bad.status).toBe(401);
    const missing = await simulator.sendWebhook(url(), 'survey_response.created', response.id, {
      omitSignature: true,
    });
    expect(missing.status).toBe(401);
    const otherKey = await simulator.sendWebhook(url(), 'survey_response.created', response.id, {
      signWith: 'another_key',
    });
    expect(otherKey.status).toBe(401);
    expect((await storedResponses(environmentId)).map((row) => row.response_id)).not.toContain(
      '901',
    );
  });

  it('answers an unknown environment, one without a source and a bad signature alike', async () => {
    const response = simulator.addResponse({ id: '902', score: 8, created_at: NOW - 40 });
    const withoutSource = (await createEnvironmentWithKeys(test)).environmentId;
    const disconnected = await connectedEnvironment(test, simulator);
    await test.ok(
      disconnected.keys.ARCHITECT,
      'mutation($env: ID!) { disconnectDelighted(environmentId: $env) { status } }',
      { env: disconnected.environmentId },
    );
    const rawBody = JSON.stringify(
      simulator.buildWebhookPayload('survey_response.created', response.id),
    );
    const signed = signWebhookBody(rawBody, simulator.apiKey);
    const deliver = async (target: string, signature: string) => {
      const answer = await test.http
        .post(`/webhooks/delighted/${target}`)
        .set('content-type', 'application/json')
        .set('x-delighted-webhook-signature', signature)
        .send(rawBody);
      return { status: answer.status, error: answer.body.error, message: answer.body.message };
    };
    const answers = [
      await deliver(environmentId, signWebhookBody(rawBody, 'not-the-key')),
      await deliver(withoutSource, signed),
      await deliver(disconnected.environmentId, signed),
      await deliver('987654321', signed),
      await deliver('not-an-id', signed),
    ];
    expect(answers[0]).toEqual({
      status: 401,
      error: 'UNAUTHENTICATED',
      message: expect.stringMatching(/signature does not match/),
    });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await storedResponses(withoutSource)).toEqual([]);
  });
});
