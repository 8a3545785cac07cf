import type { DelightedSimulator } from '../tools/delighted-simulator/delighted-simulator';
import { signWebhookBody } from '../tools/delighted-simulator/delighted-simulator';
import {
  Keys,
  connectedEnvironment,
  startSimulator,
  startSyncTestApp,
  syncNow,
} from './support/delighted-fixtures';
import { TestApp } from './support/test-app';
import { withTestDatabase } from './support/test-database';

/**
 * Malformed inputs on every write and read path: each is refused with 400 (REST) or
 * BAD_USER_INPUT (GraphQL), names the field, and leaves the stored data exactly as it was.
 */

const NOW = Math.floor(Date.now() / 1000) - 3600;
const NUL = '\u0000';
const deeplyNested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const forgedCursor = (values: unknown[]) =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

/** Everything the environment holds, in a form that changes if anything is written. */
function snapshot(environmentId: string) {
  return withTestDatabase(async (client) => {
    const result = await client.query(
      `SELECT (SELECT count(*)::int FROM events WHERE environment_id = $1) AS events,
              (SELECT coalesce(sum(count), 0)::int FROM event_types WHERE environment_id = $1) AS event_types,
              (SELECT coalesce(string_agg(identity || properties::text, ',' ORDER BY id), '')
                 FROM users WHERE environment_id = $1) AS users,
              (SELECT coalesce(string_agg(response_id || ':' || score || ':' || coalesce(comment, '')
                                          || coalesce(person_properties::text, ''), ',' ORDER BY id), '')
                 FROM survey_responses WHERE environment_id = $1) AS responses`,
      [environmentId],
    );
    return result.rows[0];
  });
}

interface RestCase {
  name: string;
  path: 'track' | 'users' | 'csv' | 'json' | 'webhook';
  body: unknown;
  /** The field the answer must name (in `errors[].field`, or in the message). */
  field: string | RegExp;
}

const response = (change: Record<string, unknown> = {}) => ({
  id: 'bad-1',
  person: { id: 'pb', email: 'bad@example.com', phone_number: null },
  survey_type: 'nps',
  score: 5,
  comment: null,
  permalink: 'https://delighted.example/r/bad-1',
  created_at: NOW,
  updated_at: null,
  person_properties: null,
  ...change,
});
const webhook = (change: Record<string, unknown>) =>
  JSON.stringify({
    event_type: 'survey_response.created',
    event_id: 'evt-bad',
    event_data: response(change),
  });
const track = (change: Record<string, unknown>) => ({ identity: 'u1', event: 'Login', ...change });
const CSV_HEADER = 'Response ID,Score,Comment,Email,Created At,Survey Type';

const REST_CASES: RestCase[] = [
  // NUL in any string.
  {
    name: 'track identity NUL',
    path: 'track',
    body: track({ identity: `u${NUL}` }),
    field: 'identity',
  },
  { name: 'track event NUL', path: 'track', body: track({ event: `Lo${NUL}gin` }), field: 'event' },
  {
    name: 'track property value NUL',
    path: 'track',
    body: track({ properties: { plan: `p${NUL}` } }),
    field: 'properties.plan',
  },
  {
    name: 'track property name NUL',
    path: 'track',
    body: track({ properties: { [`p${NUL}`]: 1 } }),
    field: 'properties.p\\u0000',
  },
  {
    name: 'bulk track item NUL',
    path: 'track',
    body: { events: [track({}), track({ properties: { tags: ['a', NUL] } })] },
    field: 'events[1].properties.tags',
  },
  {
    name: 'track idempotency key NUL',
    path: 'track',
    body: track({ idempotency_key: `k${NUL}` }),
    field: 'idempotency_key',
  },
  {
    name: 'user properties value NUL',
    path: 'users',
    body: { identity: 'u1', properties: { email: `w${NUL}@example.com` } },
    field: 'properties.email',
  },
  {
    name: 'user properties identity NUL',
    path: 'users',
    body: { identity: `u1${NUL}`, properties: { plan: 'x' } },
    field: 'identity',
  },
  {
    name: 'CSV comment NUL',
    path: 'csv',
    body: `${CSV_HEADER}\n9001,9,a${NUL}b,c@example.com,2024-03-01T00:00:00Z,nps`,
    field: 'line 2, comment',
  },
  {
    name: 'CSV response id NUL',
    path: 'csv',
    body: `${CSV_HEADER}\n90${NUL}01,9,,c@example.com,2024-03-01T00:00:00Z,nps`,
    field: 'line 2, response id',
  },
  {
    name: 'JSON import comment NUL',
    path: 'json',
    body: [response({ comment: NUL })],
    field: '[0].comment',
  },
  {
    name: 'JSON import email NUL',
    path: 'json',
    body: [response({ person: { id: 'p', email: `a${NUL}@b.c` } })],
    field: '[0].person.email',
  },
  {
    name: 'webhook comment NUL',
    path: 'webhook',
    body: webhook({ comment: `x${NUL}` }),
    field: 'event_data.comment',
  },
  {
    name: 'webhook person property NUL',
    path: 'webhook',
    body: webhook({ person_properties: { plan: `p${NUL}` } }),
    field: 'event_data.person_properties.plan',
  },
  {
    name: 'webhook person property name NUL',
    path: 'webhook',
    body: webhook({ person_properties: { nested: { [`k${NUL}`]: 1 } } }),
    field: 'event_data.person_properties.nested.k\\u0000',
  },
  // Integers past int4 and dates out of range.
  {
    name: 'webhook score 1e10',
    path: 'webhook',
    body: webhook({ score: 1e10 }),
    field: 'event_data.score',
  },
  {
    name: 'JSON import score 1e10',
    path: 'json',
    body: [response({ score: 1e10 })],
    field: '[0].score',
  },
  {
    name: 'CSV csat score 99999999999',
    path: 'csv',
    body: `${CSV_HEADER}\n9002,99999999999,,c@example.com,2024-03-01T00:00:00Z,csat`,
    field: 'line 2, score',
  },
  {
    name: 'CSV date 0000-01-01',
    path: 'csv',
    body: `${CSV_HEADER}\n9003,9,,c@example.com,0000-01-01,nps`,
    field: 'line 2, created at',
  },
  {
    name: 'webhook created_at 1e12',
    path: 'webhook',
    body: webhook({ created_at: 1e12 }),
    field: 'event_data.created_at',
  },
  {
    name: 'webhook created_at 1e20',
    path: 'webhook',
    body: webhook({ created_at: 1e20 }),
    field: 'event_data.created_at',
  },
  {
    name: 'JSON import created_at 1e12',
    path: 'json',
    body: [response({ created_at: 1e12 })],
    field: '[0].created_at',
  },
  {
    name: 'JSON import updated_at 1e20',
    path: 'json',
    body: [response({ updated_at: 1e20 })],
    field: '[0].updated_at',
  },
  {
    name: 'track timestamp 0000-01-01',
    path: 'track',
    body: track({ timestamp: '0000-01-01' }),
    field: 'timestamp',
  },
  {
    name: 'track timestamp 1e20',
    path: 'track',
    body: track({ timestamp: 1e20 }),
    field: 'timestamp',
  },
  // Types of every webhook and JSON import field.
  {
    name: 'webhook person.email 42',
    path: 'webhook',
    body: webhook({ person: { id: 'p', email: 42 } }),
    field: 'event_data.person.email',
  },
  {
    name: 'JSON import person.email 42',
    path: 'json',
    body: [response({ person: { id: 'p', email: 42 } })],
    field: '[0].person.email',
  },
  {
    name: 'webhook comment 5',
    path: 'webhook',
    body: webhook({ comment: 5 }),
    field: 'event_data.comment',
  },
  {
    name: 'webhook person_properties list',
    path: 'webhook',
    body: webhook({ person_properties: [1] }),
    field: 'event_data.person_properties',
  },
  {
    name: 'webhook score "9"',
    path: 'webhook',
    body: webhook({ score: '9' }),
    field: 'event_data.score',
  },
  {
    name: 'webhook event_data null',
    path: 'webhook',
    body: JSON.stringify({ event_type: 'survey_response.created', event_data: null }),
    field: 'event_data',
  },
  // Depth and size of properties.
  {
    name: 'webhook person_properties 50,000 deep',
    path: 'webhook',
    body: webhook({ person_properties: '__DEEP__' }).replace('"__DEEP__"', deeplyNested(50_000)),
    field: 'event_data.person_properties',
  },
  {
    name: 'JSON import person_properties 50,000 deep',
    path: 'json',
    body: `[${JSON.stringify(response({ person_properties: '__DEEP__' })).replace('"__DEEP__"', deeplyNested(50_000))}]`,
    field: '[0].person_properties',
  },
  {
    name: 'webhook person_properties with 2,000 names',
    path: 'webhook',
    body: webhook({
      person_properties: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])),
    }),
    field: 'event_data.person_properties',
  },
  // Accepted silently before: impossible dates, __proto__, NPS scores imports refuse.
  {
    name: 'track timestamp 2024-02-30',
    path: 'track',
    body: track({ timestamp: '2024-02-30T10:00:00Z' }),
    field: 'timestamp',
  },
  {
    name: 'CSV date 2024-02-30',
    path: 'csv',
    body: `${CSV_HEADER}\n9004,9,,c@example.com,2024-02-30 10:00:00 +0000,nps`,
    field: 'line 2, created at',
  },
  {
    name: 'track __proto__ property',
    path: 'track',
    body: '{"identity":"u1","event":"Login","properties":{"__proto__":"x"}}',
    field: 'properties.__proto__',
  },
  {
    name: 'user properties __proto__',
    path: 'users',
    body: '{"identity":"u1","properties":{"__proto__":"x","plan":"y"}}',
    field: 'properties.__proto__',
  },
  {
    name: 'webhook person property __proto__',
    path: 'webhook',
    body: webhook({ person_properties: '__P__' }).replace('"__P__"', '{"__proto__":{"x":1}}'),
    field: 'event_data.person_properties.__proto__',
  },
  {
    name: 'webhook NPS score 11',
    path: 'webhook',
    body: webhook({ score: 11 }),
    field: 'event_data.score',
  },
  {
    name: 'webhook NPS score -1',
    path: 'webhook',
    body: webhook({ score: -1 }),
    field: 'event_data.score',
  },
  {
    name: 'JSON import NPS score 11',
    path: 'json',
    body: [response({ score: 11 })],
    field: '[0].score',
  },
  {
    name: 'CSV NPS score -1',
    path: 'csv',
    body: `${CSV_HEADER}\n9005,-1,,c@example.com,2024-03-01T00:00:00Z,nps`,
    field: 'line 2, score',
  },
];

describe('malformed input is refused, named and never half-written', () => {
  let test: TestApp;
  let simulator: DelightedSimulator;
  let environmentId: string;
  let keys: Keys;

  beforeAll(async () => {
    test = await startSyncTestApp();
    simulator = await startSimulator({ responses: [] });
    ({ environmentId, keys } = await connectedEnvironment(test, simulator));
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({ app_id: environmentId, identity: 'u1', properties: { email: 'w@example.com' } })
      .expect(200);
    await test.http
      .post('/api/track')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({ app_id: environmentId, identity: 'u1', event: 'Login' })
      .expect(200);
    const good = webhook({ id: 'good-1', score: 9, person: { id: 'pw', email: 'w@example.com' } });
    await send('webhook', good).expect(200);
    expect((await syncNow(test, keys.ARCHITECT, environmentId)).outcome).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await test.close();
    await simulator.stop();
  });

  function send(path: RestCase['path'], body: unknown) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    switch (path) {
      case 'track':
      case 'users': {
        const parsed = raw.startsWith('{') ? `{"app_id":"${environmentId}",${raw.slice(1)}` : raw;
        return test.http
          .post(path === 'track' ? '/api/track' : '/api/add_user_properties')
          .set('authorization', `Bearer ${keys.INGEST}`)
          .set('content-type', 'application/json')
          .send(parsed);
      }
      case 'csv':
      case 'json':
        return test.http
          .post(`/api/environments/${environmentId}/survey-responses/import`)
          .set('authorization', `Bearer ${keys.ARCHITECT}`)
          .set('content-type', path === 'csv' ? 'text/csv' : 'application/json')
          .send(raw);
      case 'webhook':
        return test.http
          .post(`/webhooks/delighted/${environmentId}`)
          .set('content-type', 'application/json')
          .set('x-delighted-webhook-signature', signWebhookBody(raw, simulator.apiKey))
          .send(raw);
    }
  }

  it.each(REST_CASES.map((item) => [item.name, item] as const))(
    'REST: %s → 400 naming the field, nothing written',
    async (_, item) => {
      const start = await snapshot(environmentId);
      const answer = await send(item.path, item.body);
      expect({ status: answer.status, error: answer.body.error }).toEqual({
        status: 400,
        error: 'BAD_USER_INPUT',
      });
      const fields: string[] = (answer.body.errors ?? []).map(
        (problem: { field: string }) => problem.field,
      );
      if (typeof item.field === 'string') expect(fields).toContain(item.field);
      else expect(fields.join(' ')).toMatch(item.field);
      expect(await snapshot(environmentId)).toEqual(start);
    },
  );

  interface GraphqlCase {
    name: string;
    query: string;
    variables?: Record<string, unknown>;
    argument: string;
    /** Refused before execution (HTTP 400), rather than by the resolver (HTTP 200 with errors). */
    beforeExecution: boolean;
  }

  const env = 'environment(id: $env)';
  const GRAPHQL_CASES: GraphqlCase[] = [
    {
      name: 'NUL in a filter value (variable)',
      query: `query($env: ID!, $f: UserFilter) { ${env} { users(filter: $f) { totalCount } } }`,
      variables: { f: { conditions: [{ property: 'plan', equals: `a${NUL}` }] } },
      argument: 'filter',
      beforeExecution: true,
    },
    {
      name: 'NUL in a filter property (inline)',
      query: `query($env: ID!) { ${env} { npsSummary(filter: { conditions: [{ property: "p\\u0000", exists: true }] }) { responses } } }`,
      argument: 'filter',
      beforeExecution: true,
    },
    {
      name: 'NUL in search',
      query: `query($env: ID!, $s: String) { ${env} { segmentMembers(segment: PROMOTER, search: $s) { totalCount } } }`,
      variables: { s: `w${NUL}` },
      argument: 'search',
      beforeExecution: true,
    },
    {
      name: 'NUL in surveyResponses search',
      query: `query($env: ID!) { ${env} { surveyResponses(search: "\\u0000") { totalCount } } }`,
      argument: 'search',
      beforeExecution: true,
    },
    {
      name: 'NUL in identity',
      query: `query($env: ID!, $id: String!) { ${env} { user(identity: $id) { identity } } }`,
      variables: { id: `u1${NUL}` },
      argument: 'identity',
      beforeExecution: true,
    },
    {
      name: 'NUL in eventType',
      query: `query($env: ID!) { ${env} { segmentComparison(eventType: "Login\\u0000") { segment } } }`,
      argument: 'eventType',
      beforeExecution: true,
    },
    {
      name: 'NUL in an imported CSV',
      query: `mutation($env: ID!, $csv: String) { importSurveyResponses(environmentId: $env, csv: $csv) { responses } }`,
      variables: { csv: `${CSV_HEADER}\n9006,9,a${NUL},c@example.com,2024-03-01T00:00:00Z,nps` },
      argument: 'csv',
      beforeExecution: true,
    },
    {
      name: 'an impossible DateTime (2024-02-30)',
      query: `query($env: ID!, $from: DateTime) { ${env} { npsSummary(from: $from, to: "2024-04-01T00:00:00Z") { responses } } }`,
      variables: { from: '2024-02-30T00:00:00Z' },
      argument: 'from',
      beforeExecution: true,
    },
    {
      name: 'a DateTime in year 0',
      query: `query($env: ID!, $at: DateTime) { ${env} { segmentSummary(asOf: $at) { count } } }`,
      variables: { at: '0000-01-01T00:00:00Z' },
      argument: 'asOf',
      beforeExecution: true,
    },
    {
      name: 'an impossible inline DateTime (2023-02-29)',
      query: `query($env: ID!) { ${env} { npsSummary(from: "2023-02-29T00:00:00Z") { responses } } }`,
      argument: 'from',
      beforeExecution: true,
    },
    {
      name: 'an inline DateTime in year 0',
      query: `query($env: ID!) { ${env} { segmentMembers(segment: PROMOTER, asOf: "0000-06-01T00:00:00Z") { totalCount } } }`,
      argument: 'asOf',
      beforeExecution: true,
    },
    {
      name: 'a variable of the wrong type',
      query: `query($env: ID!, $first: Int) { ${env} { users(first: $first) { totalCount } } }`,
      variables: { first: 'ten' },
      argument: 'first',
      beforeExecution: true,
    },
    {
      name: 'a users cursor with a text id',
      query: `query($env: ID!, $after: String) { ${env} { users(after: $after) { totalCount } } }`,
      variables: { after: forgedCursor(['user', 'abc']) },
      argument: 'after',
      beforeExecution: false,
    },
    {
      name: 'an events cursor with a text time',
      query: `query($env: ID!, $after: String) { ${env} { user(identity: "u1") { events(after: $after) { totalCount } } } }`,
      variables: { after: forgedCursor(['event', 'yesterday', '1']) },
      argument: 'after',
      beforeExecution: false,
    },
    {
      name: 'a members cursor with a text id',
      query: `query($env: ID!, $after: String) { ${env} { segmentMembers(segment: PROMOTER, after: $after) { totalCount } } }`,
      variables: { after: forgedCursor(['member', '2024-01-01T00:00:00.000Z', 'abc']) },
      argument: 'after',
      beforeExecution: false,
    },
    {
      name: 'a responses cursor with an object id',
      query: `query($env: ID!, $after: String) { ${env} { surveyResponses(after: $after) { totalCount } } }`,
      variables: { after: forgedCursor(['response', '2024-01-01T00:00:00.000Z', { id: 1 }]) },
      argument: 'after',
      beforeExecution: false,
    },
    {
      name: 'a sync runs cursor with a text id',
      query: `query($env: ID!, $after: String) { ${env} { delightedSource { syncRuns(after: $after) { totalCount } } } }`,
      variables: { after: forgedCursor(['sync-run', 'x']) },
      argument: 'after',
      beforeExecution: false,
    },
  ];

  it.each(GRAPHQL_CASES.map((item) => [item.name, item] as const))(
    'GraphQL: %s → BAD_USER_INPUT naming the argument',
    async (_, item) => {
      const start = await snapshot(environmentId);
      const answer = await test.http
        .post('/graphql')
        .set('authorization', `Bearer ${keys.ARCHITECT}`)
        .set('content-type', 'application/json')
        .send({ query: item.query, variables: { env: environmentId, ...item.variables } });
      expect(answer.status).toBe(item.beforeExecution ? 400 : 200);
      const [error] = answer.body.errors ?? [];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.argumentName).toBe(item.argument);
      expect(error.message).toContain(`"${item.argument}"`);
      expect(await snapshot(environmentId)).toEqual(start);
    },
  );
});

describe('one set of survey rules for every write path', () => {
  let test: TestApp;
  let simulator: DelightedSimulator;
  let environmentId: string;
  let keys: Keys;

  beforeAll(async () => {
    test = await startSyncTestApp();
    // Delighted may send survey types it adds later; their scores are bounded all the same.
    simulator = await startSimulator({
      responses: [
        { id: 's1', survey_type: 'smileys', score: 5000, created_at: NOW - 60 },
        { id: 's2', survey_type: 'nps', score: 9, created_at: NOW - 50 },
      ],
    });
    ({ environmentId, keys } = await connectedEnvironment(test, simulator));
  });
  afterAll(async () => {
    await test.close();
    await simulator.stop();
  });

  const stored = () =>
    withTestDatabase(async (client) => {
      const result = await client.query(
        'SELECT count(*)::int AS n FROM survey_responses WHERE environment_id = $1',
        [environmentId],
      );
      return result.rows[0].n as number;
    });

  it('the sync, a webhook and both imports refuse the same response, naming its score', async () => {
    const run = await syncNow(test, keys.ARCHITECT, environmentId);
    expect(run.outcome).toBe('FAILED');
    expect(run.error).toBe(
      'response s1: score must be 0 to 100 for survey type "smileys", got 5000',
    );

    const payload = JSON.stringify(simulator.buildWebhookPayload('survey_response.created', 's1'));
    const delivered = await test.http
      .post(`/webhooks/delighted/${environmentId}`)
      .set('content-type', 'application/json')
      .set('x-delighted-webhook-signature', signWebhookBody(payload, simulator.apiKey))
      .send(payload);
    expect([delivered.status, delivered.body.errors?.[0]?.field]).toEqual([
      400,
      'event_data.score',
    ]);

    const url = `/api/environments/${environmentId}/survey-responses/import`;
    const json = await test.http
      .post(url)
      .set('authorization', `Bearer ${keys.ARCHITECT}`)
      .send([simulator.getResponse('s1', true)]);
    expect([json.status, json.body.errors?.[0]?.field]).toEqual([400, '[0].score']);
    const csv = await test.http
      .post(url)
      .set('authorization', `Bearer ${keys.ARCHITECT}`)
      .set('content-type', 'text/csv')
      .send('id,score,created at,survey type\ns1,5000,2024-01-01,smileys\n');
    expect([csv.status, csv.body.errors?.[0]?.column]).toEqual([400, 'score']);
    for (const answer of [delivered, json, csv]) {
      expect(answer.body.errors[0].message).toMatch(/0 to 100 for survey type "smileys", got 5000/);
    }
    expect(await stored()).toBe(0);
  });
});
