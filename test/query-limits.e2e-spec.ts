import { TestApp, createEnvironmentWithKeys, startTestApp } from './support/test-app';

type Keys = Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

/** `{ a0: __typename a1: __typename … }` */
function typenameAliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(' ')} }`;
}

/** F0 spreads F1 twice, F1 spreads F2 twice, …: 2^levels uses of the last fragment. */
function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, level) =>
    level === levels - 1
      ? `fragment F${level} on Query { __typename }`
      : `fragment F${level} on Query { ...F${level + 1} ... on Query { ...F${level + 1} } }`,
  );
  return `{ ...F0 } ${fragments.join(' ')}`;
}

describe('GraphQL limits: refused with 400 before anything runs, and logged at warn', () => {
  let test: TestApp;
  let environmentId: string;
  let keys: Keys;

  beforeAll(async () => {
    test = await startTestApp({ GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COMPLEXITY: '2000' });
    ({ environmentId, keys } = await createEnvironmentWithKeys(test));
  });
  afterAll(() => test.close());

  const post = (query: string, variables: Record<string, unknown> = {}) =>
    test.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${keys.ANALYST}`)
      .send({ query, variables });

  /** The refusals logged for `limit` since the test began. */
  const refusalsLogged = (limit: string) =>
    test.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === 'GraphQL operation refused' && entry.limit === limit);

  beforeEach(() => test.logs.splice(0));

  it('refuses 10,000 aliases of __typename by their field count, naming GRAPHQL_MAX_FIELDS', async () => {
    const response = await post(typenameAliases(10_000));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toMatch(
      /selects 10,000 fields .*the limit is 1,000 \(GRAPHQL_MAX_FIELDS\)/,
    );
    expect(refusalsLogged('GRAPHQL_MAX_FIELDS')).toEqual([
      expect.objectContaining({ level: 'warn', fields: 10_000, maxFields: 1000 }),
    ]);
  });

  it('refuses 100,000 aliases of __typename while parsing, naming GRAPHQL_MAX_TOKENS', async () => {
    const response = await post(typenameAliases(100_000));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/more than 50000 tokens \(GRAPHQL_MAX_TOKENS\)/),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(refusalsLogged('GRAPHQL_MAX_TOKENS')).toEqual([
      expect.objectContaining({ level: 'warn', maxTokens: 50_000 }),
    ]);
  });

  it('refuses a fragment spread a million times over as too many fields', async () => {
    const response = await post(fragmentBomb(20));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/GRAPHQL_MAX_FIELDS/);
  });

  it('refuses a query nested too deep with 400, logging its depth and the limit', async () => {
    const response = await post(
      'query Deep($env: ID!) { environment(id: $env) { users { edges { node { events { edges { node { id } } } } } } } }',
      { env: environmentId },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toMatch(/nested 8 levels deep; the limit is 6/);
    expect(refusalsLogged('GRAPHQL_MAX_DEPTH')).toEqual([
      expect.objectContaining({ level: 'warn', depth: 8, maxDepth: 6, operationName: 'Deep' }),
    ]);
  });

  it('refuses a query too complex with 400, logging its complexity and the limit', async () => {
    const response = await post(
      'query($env: ID!) { environment(id: $env) { users(first: 500) { edges { node { id identity properties firstSeen lastSeen } } } } }',
      { env: environmentId },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toMatch(/complexity [\d,]+ exceeds the limit of 2,000/);
    const [logged] = refusalsLogged('GRAPHQL_MAX_COMPLEXITY');
    expect(logged).toMatchObject({ level: 'warn', maxComplexity: 2000 });
    expect(logged.complexity).toBeGreaterThan(2000);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace/);
  });

  it('answers a variable of the wrong type with 400, not 500', async () => {
    const response = await post(
      'query($env: ID!, $first: Int) { environment(id: $env) { users(first: $first) { totalCount } } }',
      { env: environmentId, first: 'many' },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toMatch(/\$first/);
  });

  it('still answers an operation within every limit', async () => {
    const response = await post(typenameAliases(500));
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.data)).toHaveLength(500);
  });
});
