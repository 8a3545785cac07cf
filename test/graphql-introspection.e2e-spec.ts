import { BOOTSTRAP_KEY, TestApp, startTestApp } from './support/test-app';

const SCHEMA_QUERY = '{ __schema { queryType { name } types { name } } }';
const TYPE_QUERY = '{ __type(name: "Query") { fields { name } } }';

async function ask(test: TestApp, query: string) {
  const response = await test.http
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${BOOTSTRAP_KEY}`)
    .send({ query });
  return { status: response.status, body: response.body };
}

describe.each([
  ['test', {}],
  ['production', { NODE_ENV: 'production' }],
])('GraphQL introspection in %s mode by default', (_mode, overrides) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(overrides);
  });
  afterAll(() => test?.close());

  it.each([SCHEMA_QUERY, TYPE_QUERY])('refuses %s before running it', async (query) => {
    const { status, body } = await ask(test, query);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/introspection is not allowed/i);
  });

  it('still answers __typename and ordinary queries', async () => {
    const { status, body } = await ask(test, '{ __typename viewer { role } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { __typename: 'Query', viewer: { role: 'ADMIN' } } });
  });
});

describe('GraphQL introspection with GRAPHQL_INTROSPECTION=true', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' });
  });
  afterAll(() => test?.close());

  it('answers __schema and __type', async () => {
    const schema = await ask(test, SCHEMA_QUERY);
    expect(schema.status).toBe(200);
    expect(schema.body.data.__schema.queryType).toEqual({ name: 'Query' });
    const type = await ask(test, TYPE_QUERY);
    expect(type.body.data.__type.fields.map((field: { name: string }) => field.name)).toContain(
      'viewer',
    );
  });
});
