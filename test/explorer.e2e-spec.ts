import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { BOOTSTRAP_KEY, TestApp, startTestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const CSRF = /Cross-Site Request Forgery/;

describe('GraphQL explorer routes (production mode: introspection off)', () => {
  let test: TestApp;
  // The service reads the build at start-up: the page is the built one, or how to build it.
  const built = existsSync(join(ROOT, 'client', 'dist', 'explorer', 'index.html'));
  const clientBuilt = existsSync(join(ROOT, 'client', 'dist', 'index.html'));
  beforeAll(async () => {
    test = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(() => test?.close());

  it('answers a browser opening /graphql with the explorer page, under a same-origin policy', async () => {
    const response = await test.http.get('/graphql').set('Accept', BROWSER);
    expect(response.status).toBe(built ? 200 : 503);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = response.headers['content-security-policy'];
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'"]) {
      expect(policy).toContain(directive);
    }
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['vary']).toContain('Accept');
    if (built) {
      expect(response.text).toContain('<div id="explorer">');
      expect(response.text).toMatch(/<script type="module" crossorigin src="\/assets\/explorer-/);
    } else {
      expect(response.text).toContain('npm run client:build');
    }
  });

  it('sends the build folder of the page to its one address, /graphql', async () => {
    for (const path of ['/explorer/', '/explorer/index.html']) {
      const response = await test.http.get(path).set('Accept', BROWSER);
      expect(response.status).toBe(clientBuilt ? 308 : 404);
      if (clientBuilt) expect(response.headers['location']).toBe('/graphql');
    }
  });

  it.each([
    ['Accept: application/json', { Accept: 'application/json' }, '/graphql'],
    ['no Accept', {}, '/graphql'],
    ['Accept: */*', { Accept: '*/*' }, '/graphql'],
    ['a browser with ?query=', { Accept: BROWSER }, '/graphql?query=%7B__typename%7D'],
  ])(
    'still refuses GET /graphql with %s and no preflight header (CSRF)',
    async (_name, headers, path) => {
      const response = await test.http.get(path).set(headers);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.body.errors[0].message).toMatch(CSRF);
    },
  );

  it('still runs a GET query that carries the preflight header', async () => {
    const response = await test.http
      .get('/graphql?query=%7B__typename%7D')
      .set('Accept', 'application/json')
      .set('apollo-require-preflight', 'true');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });

  it.each([
    ['text/plain', '{"query":"{ __typename }"}'],
    ['application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
  ])(
    'still refuses POST /graphql as %s without the preflight header (CSRF)',
    async (type, body) => {
      const response = await test.http
        .post('/graphql')
        .set('Content-Type', type)
        .set('Authorization', `Bearer ${BOOTSTRAP_KEY}`)
        .send(body);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].message).toMatch(CSRF);
    },
  );

  it('serves the committed schema.gql to anyone at /graphql/schema.graphql while introspection is refused', async () => {
    const response = await test.http.get('/graphql/schema.graphql');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toBe(readFileSync(join(ROOT, 'schema.gql'), 'utf8'));
    const schema = buildSchema(response.text);
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(
      expect.arrayContaining(['environments', 'viewer']),
    );
    const introspection = await test.graphql(BOOTSTRAP_KEY, '{ __schema { types { name } } }');
    expect(introspection.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });
});
