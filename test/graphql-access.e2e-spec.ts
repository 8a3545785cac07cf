import {
  BOOTSTRAP_KEY,
  TestApp,
  createEnvironmentWithKeys,
  startTestApp,
} from './support/test-app';

type Keys = Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

/** Every GraphQL operation, with the role it needs and how to call it against an environment. */
const OPERATIONS: Array<{ name: string; role: keyof Keys; query: string }> = [
  {
    name: 'environment',
    role: 'ANALYST',
    query: 'query($env: ID!) { environment(id: $env) { id name } }',
  },
  {
    name: 'environment.users',
    role: 'ANALYST',
    query: 'query($env: ID!) { environment(id: $env) { users { totalCount } } }',
  },
  {
    name: 'environment.user',
    role: 'ANALYST',
    query: 'query($env: ID!) { environment(id: $env) { user(identity: "alice") { identity } } }',
  },
  {
    name: 'user.events',
    role: 'ANALYST',
    query:
      'query($env: ID!) { environment(id: $env) { user(identity: "alice") { events { totalCount } } } }',
  },
  {
    name: 'environment.eventTypes',
    role: 'ANALYST',
    query: 'query($env: ID!) { environment(id: $env) { eventTypes { name } } }',
  },
  {
    name: 'npsSummary',
    role: 'ANALYST',
    query: 'query($env: ID!) { environment(id: $env) { npsSummary { nps } } }',
  },
  {
    name: 'npsTrend',
    role: 'ANALYST',
    query:
      'query($env: ID!) { environment(id: $env) { npsTrend(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", interval: WEEK) { timezone } } }',
  },
  {
    name: 'segmentSummary',
    role: 'ANALYST',
    query: 'query($env: ID!) { environment(id: $env) { segmentSummary { count } } }',
  },
  {
    name: 'segmentMembers',
    role: 'ANALYST',
    query:
      'query($env: ID!) { environment(id: $env) { segmentMembers(segment: PROMOTER) { totalCount } } }',
  },
  {
    name: 'segmentComparison',
    role: 'ANALYST',
    query:
      'query($env: ID!) { environment(id: $env) { segmentComparison(eventType: "Login") { members } } }',
  },
  {
    name: 'activityCorrelations',
    role: 'ANALYST',
    query: 'query($env: ID!) { environment(id: $env) { activityCorrelations { eventType } } }',
  },
  {
    name: 'surveyResponses',
    role: 'ANALYST',
    query: 'query($env: ID!) { environment(id: $env) { surveyResponses { totalCount } } }',
  },
  {
    name: 'delightedSource',
    role: 'ANALYST',
    query: 'query($env: ID!) { environment(id: $env) { delightedSource { status } } }',
  },
  {
    name: 'apiKeys',
    role: 'ADMIN',
    query: 'query($env: ID) { apiKeys(environmentId: $env) { id } }',
  },
  {
    name: 'createApiKey',
    role: 'ADMIN',
    query:
      'mutation($env: ID) { createApiKey(environmentId: $env, role: ANALYST, name: "n") { id } }',
  },
  {
    name: 'importSurveyResponses',
    role: 'ARCHITECT',
    query:
      'mutation($env: ID!, $json: String = "[{\\"id\\": \\"x1\\", \\"score\\": 9, \\"created_at\\": 1767225600}]") { importSurveyResponses(environmentId: $env, json: $json) { responses } }',
  },
  {
    name: 'createEmbedLink',
    role: 'ARCHITECT',
    query:
      'mutation($env: ID!) { createEmbedLink(environmentId: $env, view: OVERVIEW) { expiresAt } }',
  },
];

/** Operations that change configuration: checked for refusal here (their success is tested elsewhere). */
const CONFIGURATION: Array<{ name: string; query: string }> = [
  {
    name: 'setEmailProperty',
    query:
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
  },
  {
    name: 'connectDelighted',
    query:
      'mutation($env: ID!) { connectDelighted(environmentId: $env, apiKey: "k_1234", apiUrl: "http://127.0.0.1:9/v1") { status } }',
  },
  {
    name: 'syncDelighted',
    query: 'mutation($env: ID!) { syncDelighted(environmentId: $env) { id } }',
  },
  {
    name: 'disconnectDelighted',
    query: 'mutation($env: ID!) { disconnectDelighted(environmentId: $env) { status } }',
  },
];

describe('GraphQL: roles and environment isolation', () => {
  let test: TestApp;
  let envA: { environmentId: string; keys: Keys };
  let envB: { environmentId: string; keys: Keys };

  beforeAll(async () => {
    test = await startTestApp({ GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COMPLEXITY: '2000' });
    envA = await createEnvironmentWithKeys(test, 'A');
    envB = await createEnvironmentWithKeys(test, 'B');
    await test.http
      .post('/api/track')
      .set('authorization', `Bearer ${envA.keys.INGEST}`)
      .send({ app_id: envA.environmentId, identity: 'alice', event: 'Login' })
      .expect(200);
  });
  afterAll(() => test.close());

  const codeOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    result.errors?.[0]?.extensions?.code;

  describe.each(OPERATIONS)('$name', ({ role, query }) => {
    it('refuses a key of another environment, even an ADMIN one', async () => {
      const result = await test.graphql(envB.keys.ADMIN, query, { env: envA.environmentId });
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data ?? {})).not.toContain('alice');
    });

    it(`refuses roles below ${role} and allows ${role}`, async () => {
      const order: Array<keyof Keys> = ['INGEST', 'ANALYST', 'ARCHITECT', 'ADMIN'];
      for (const candidate of order) {
        const result = await test.graphql(envA.keys[candidate], query, { env: envA.environmentId });
        if (order.indexOf(candidate) < order.indexOf(role))
          expect(codeOf(result)).toBe('FORBIDDEN');
        else expect(result.errors).toBeUndefined();
      }
    });

    it('asks for a key when none is sent, and refuses an unknown one', async () => {
      expect(codeOf(await test.graphql(null, query, { env: envA.environmentId }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(codeOf(await test.graphql('nps_unknown', query, { env: envA.environmentId }))).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe.each(CONFIGURATION)('$name', ({ query }) => {
    it('is refused to ANALYST keys, to keys of another environment and without a key', async () => {
      expect(
        codeOf(await test.graphql(envA.keys.ANALYST, query, { env: envA.environmentId })),
      ).toBe('FORBIDDEN');
      expect(codeOf(await test.graphql(envB.keys.ADMIN, query, { env: envA.environmentId }))).toBe(
        'FORBIDDEN',
      );
      expect(codeOf(await test.graphql(null, query, { env: envA.environmentId }))).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  it('lists only its own environment to a scoped key, and all to a global admin', async () => {
    const scoped = await test.ok<{ environments: Array<{ id: string }> }>(
      envA.keys.ANALYST,
      '{ environments { id } }',
    );
    expect(scoped.environments.map((environment) => environment.id)).toEqual([envA.environmentId]);
    const global = await test.ok<{ environments: Array<{ id: string }> }>(
      BOOTSTRAP_KEY,
      '{ environments { id } }',
    );
    expect(global.environments.map((environment) => environment.id)).toEqual(
      expect.arrayContaining([envA.environmentId, envB.environmentId]),
    );
  });

  it('lets only a global admin create environments and global keys', async () => {
    const byScopedAdmin = await test.graphql(
      envA.keys.ADMIN,
      'mutation { createEnvironment(name: "x") { id } }',
    );
    expect(codeOf(byScopedAdmin)).toBe('FORBIDDEN');
    const globalKey = await test.graphql(
      envA.keys.ADMIN,
      'mutation { createApiKey(role: ADMIN, name: "g") { id } }',
    );
    expect(codeOf(globalKey)).toBe('FORBIDDEN');
    const analystWithoutEnvironment = await test.graphql(
      BOOTSTRAP_KEY,
      'mutation { createApiKey(role: ANALYST, name: "g") { id } }',
    );
    expect(codeOf(analystWithoutEnvironment)).toBe('BAD_USER_INPUT');
  });

  it('does not let an admin of B revoke or list keys of A', async () => {
    const keys = await test.ok<{ apiKeys: Array<{ id: string; keyPrefix: string }> }>(
      envA.keys.ADMIN,
      'query($env: ID) { apiKeys(environmentId: $env) { id keyPrefix } }',
      { env: envA.environmentId },
    );
    expect(keys.apiKeys.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(keys)).not.toContain(envA.keys.ADMIN);
    const revoke = await test.graphql(
      envB.keys.ADMIN,
      'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
      {
        id: keys.apiKeys[0].id,
      },
    );
    expect(codeOf(revoke)).toBe('FORBIDDEN');
    const ownList = await test.ok<{ apiKeys: Array<{ environmentId: string }> }>(
      envB.keys.ADMIN,
      '{ apiKeys { environmentId } }',
    );
    expect(new Set(ownList.apiKeys.map((key) => key.environmentId))).toEqual(
      new Set([envB.environmentId]),
    );
  });

  it('returns null for an environment that does not exist, and NOT_FOUND for an unknown key id', async () => {
    const missing = await test.ok<{ environment: null }>(
      BOOTSTRAP_KEY,
      '{ environment(id: "99999999") { id } }',
    );
    expect(missing.environment).toBeNull();
    const revoke = await test.graphql(
      BOOTSTRAP_KEY,
      'mutation { revokeApiKey(id: "00000000-0000-0000-0000-000000000000") { id } }',
    );
    expect(codeOf(revoke)).toBe('NOT_FOUND');
  });

  it('rejects a malformed environment id and a bad time zone with BAD_USER_INPUT naming the argument', async () => {
    const badId = await test.graphql(BOOTSTRAP_KEY, '{ environment(id: "abc") { id } }');
    expect(codeOf(badId)).toBe('BAD_USER_INPUT');
    expect(badId.errors?.[0].extensions?.argumentName).toBe('id');
    const badZone = await test.graphql(
      BOOTSTRAP_KEY,
      'mutation { createEnvironment(name: "z", timezone: "Mars/Olympus") { id } }',
    );
    expect(codeOf(badZone)).toBe('BAD_USER_INPUT');
    expect(badZone.errors?.[0].message).toMatch(/IANA/);
  });

  it('refuses queries nested too deep or too costly, without stack traces', async () => {
    const deep = await test.graphql(
      envA.keys.ANALYST,
      'query($env: ID!) { environment(id: $env) { users { edges { node { events { edges { node { id } } } } } } } }',
      { env: envA.environmentId },
    );
    expect(codeOf(deep)).toBe('BAD_USER_INPUT');
    expect(deep.errors?.[0].message).toMatch(/levels deep/);
    const costly = await test.graphql(
      envA.keys.ANALYST,
      'query($env: ID!) { environment(id: $env) { users(first: 500) { edges { node { id identity properties firstSeen lastSeen } } } } }',
      { env: envA.environmentId },
    );
    expect(codeOf(costly)).toBe('BAD_USER_INPUT');
    expect(costly.errors?.[0].message).toMatch(/complexity/);
    expect(JSON.stringify(costly)).not.toMatch(/stacktrace/);
  });
});

describe('GraphQL: users and events', () => {
  let test: TestApp;
  let env: { environmentId: string; keys: Keys };

  beforeAll(async () => {
    test = await startTestApp();
    env = await createEnvironmentWithKeys(test);
    const events = Array.from({ length: 30 }, (_, index) => ({
      identity: `user-${String(index % 12).padStart(2, '0')}`,
      event: index % 2 ? 'Login' : 'Export',
      timestamp: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(),
    }));
    await test.http
      .post('/api/track')
      .set('authorization', `Bearer ${env.keys.INGEST}`)
      .send({ app_id: env.environmentId, events })
      .expect(200);
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${env.keys.INGEST}`)
      .send({
        app_id: env.environmentId,
        users: Array.from({ length: 12 }, (_, index) => ({
          identity: `user-${String(index).padStart(2, '0')}`,
          properties: {
            plan: ['free', 'pro', 'team'][index % 3],
            ...(index < 4 ? { beta: 'yes' } : {}),
          },
        })),
      })
      .expect(200);
  });
  afterAll(() => test.close());

  const usersQuery = `query($env: ID!, $first: Int, $after: String, $eq: [PropertyEqualsInput!], $filter: UserFilter) {
    environment(id: $env) { users(first: $first, after: $after, propertyEquals: $eq, filter: $filter) {
      totalCount edges { cursor node { identity properties } } pageInfo { hasNextPage endCursor } } } }`;
  type UsersPage = {
    environment: {
      users: {
        totalCount: number;
        edges: Array<{ node: { identity: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
  };

  it('pages through every user exactly once with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: UsersPage = await test.ok<UsersPage>(env.keys.ANALYST, usersQuery, {
        env: env.environmentId,
        first: 5,
        after,
      });
      expect(result.environment.users.totalCount).toBe(12);
      seen.push(...result.environment.users.edges.map((edge) => edge.node.identity));
      if (!result.environment.users.pageInfo.hasNextPage) break;
      after = result.environment.users.pageInfo.endCursor;
    }
    expect(seen).toEqual(
      Array.from({ length: 12 }, (_, index) => `user-${String(index).padStart(2, '0')}`),
    );
  });

  it('filters by propertyEquals and by equals/in/exists conditions', async () => {
    const pro = await test.ok<UsersPage>(env.keys.ANALYST, usersQuery, {
      env: env.environmentId,
      eq: [{ property: 'plan', value: 'pro' }],
    });
    expect(pro.environment.users.totalCount).toBe(4);
    const combined = await test.ok<UsersPage>(env.keys.ANALYST, usersQuery, {
      env: env.environmentId,
      filter: {
        conditions: [
          { property: 'plan', in: ['free', 'team'] },
          { property: 'beta', exists: true },
        ],
      },
    });
    // user-00 (free, beta), user-02 (team, beta), user-03 (free, beta); user-01 is pro.
    expect(combined.environment.users.edges.map((edge) => edge.node.identity)).toEqual([
      'user-00',
      'user-02',
      'user-03',
    ]);
    const noBeta = await test.ok<UsersPage>(env.keys.ANALYST, usersQuery, {
      env: env.environmentId,
      filter: { conditions: [{ property: 'beta', exists: false }] },
    });
    expect(noBeta.environment.users.totalCount).toBe(8);
  });

  it('rejects a condition with two operators, a foreign cursor and an oversized page', async () => {
    const twoOps = await test.graphql(env.keys.ANALYST, usersQuery, {
      env: env.environmentId,
      filter: { conditions: [{ property: 'plan', equals: 'pro', exists: true }] },
    });
    expect(twoOps.errors?.[0].message).toMatch(/exactly one of equals, in or exists/);
    const badCursor = await test.graphql(env.keys.ANALYST, usersQuery, {
      env: env.environmentId,
      after: 'garbage',
    });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await test.graphql(
      env.keys.ANALYST,
      'query($env: ID!) { environment(id: $env) { users(first: 100000) { totalCount } } }',
      { env: env.environmentId },
    );
    expect(tooMany.errors?.[0].message).toMatch(/"first" must be a whole number from 1 to/);
  });

  it("lists a user's events newest first across pages", async () => {
    const query = `query($env: ID!, $after: String) { environment(id: $env) { user(identity: "user-00") {
      events(first: 1, after: $after) { totalCount edges { node { name time source } } pageInfo { hasNextPage endCursor } } } } }`;
    type Page = {
      environment: {
        user: {
          events: {
            totalCount: number;
            edges: Array<{ node: { time: string } }>;
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      };
    };
    const times: string[] = [];
    let after: string | null = null;
    do {
      const result: Page = await test.ok<Page>(env.keys.ANALYST, query, {
        env: env.environmentId,
        after,
      });
      times.push(...result.environment.user.events.edges.map((edge) => edge.node.time));
      after = result.environment.user.events.pageInfo.hasNextPage
        ? result.environment.user.events.pageInfo.endCursor
        : null;
    } while (after);
    // user-00 did the events with index 0, 12 and 24: Jan 1, Jan 13 and Jan 25.
    expect(times).toEqual([
      '2026-01-25T00:00:00.000Z',
      '2026-01-13T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
  });
});
