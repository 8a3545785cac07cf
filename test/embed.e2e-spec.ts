import { signEmbedToken } from '../src/auth/embed-token';
import { startSyncTestApp } from './support/delighted-fixtures';
import {
  BOOTSTRAP_KEY,
  TestApp,
  createEnvironmentWithKeys,
  startTestApp,
} from './support/test-app';

const EMBED_SECRET = 'embed-test-secret-0123456789abcdef0123456789';

describe('embed links', () => {
  let test: TestApp;
  let environmentId: string;
  let keys: Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

  beforeAll(async () => {
    test = await startSyncTestApp({
      EMBED_SECRET,
      EMBED_MAX_MINUTES: '60',
      EMBED_FRAME_ANCESTORS: 'https://host.example',
    });
    ({ environmentId, keys } = await createEnvironmentWithKeys(test));
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env: environmentId },
    );
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({
        app_id: environmentId,
        users: [
          { identity: 'pro-user', properties: { email: 'pro@x.com', plan: 'pro' } },
          { identity: 'free-user', properties: { email: 'free@x.com', plan: 'free' } },
        ],
      })
      .expect(200);
    const at = Math.floor(Date.parse('2026-01-10T00:00:00Z') / 1000);
    await test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
      {
        env: environmentId,
        json: JSON.stringify([
          {
            id: 'e1',
            person: { id: 'a', email: 'pro@x.com' },
            score: 10,
            created_at: at,
            updated_at: null,
          },
          {
            id: 'e2',
            person: { id: 'b', email: 'free@x.com' },
            score: 2,
            created_at: at + 60,
            updated_at: null,
          },
        ]),
      },
    );
  });
  afterAll(() => test.close());

  const createLink = (key: string, variables: Record<string, unknown>) =>
    test.graphql(
      key,
      `mutation($env: ID!, $view: EmbedView!, $filter: UserFilter, $minutes: Int) {
         createEmbedLink(environmentId: $env, view: $view, filter: $filter, expiresInMinutes: $minutes) { url token expiresAt } }`,
      { env: environmentId, view: 'OVERVIEW', ...variables },
    );
  const proOnly = { conditions: [{ property: 'plan', equals: 'pro' }] };
  const summary = (key: string, filter?: object) =>
    test.graphql<{ environment: { npsSummary: { responses: number; nps: number | null } } }>(
      key,
      'query($env: ID!, $filter: UserFilter) { environment(id: $env) { npsSummary(filter: $filter) { responses nps } } }',
      { env: environmentId, filter },
    );

  it('lets ADMIN or ARCHITECT mint a link with a default 10-minute expiry', async () => {
    const before = Date.now();
    const result = await createLink(keys.ARCHITECT, {});
    const link = (
      result.data as { createEmbedLink: { url: string; token: string; expiresAt: string } }
    ).createEmbedLink;
    // PUBLIC_URL is unset here: links default to http://localhost:<PORT>.
    expect(link.url).toBe(`http://localhost:${test.config.port}/embed?token=${link.token}`);
    const minutes = (Date.parse(link.expiresAt) - before) / 60_000;
    expect(minutes).toBeGreaterThan(9.9);
    expect(minutes).toBeLessThan(10.1);
    expect((await createLink(keys.ANALYST, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const tooLong = await createLink(keys.ADMIN, { minutes: 61 });
    expect(tooLong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'expiresInMinutes',
    });
  });

  it('reads analytics as a bearer credential with its filter locked in', async () => {
    const token = (
      (await createLink(keys.ADMIN, { filter: proOnly })).data as {
        createEmbedLink: { token: string };
      }
    ).createEmbedLink.token;
    const locked = await summary(token);
    const analyst = await summary(keys.ANALYST, proOnly);
    expect(locked.data?.environment.npsSummary).toEqual(analyst.data?.environment.npsSummary);
    expect(locked.data?.environment.npsSummary).toEqual({ responses: 1, nps: 100 });
    // A filter from the page can only narrow what the link shows, never lift the lock.
    const narrowed = await summary(token, { conditions: [{ property: 'plan', equals: 'free' }] });
    expect(narrowed.data?.environment.npsSummary.responses).toBe(0);
    const everyone = await summary(token, { conditions: [] });
    expect(everyone.data?.environment.npsSummary.responses).toBe(1);
    const viewer = await test.ok<{ viewer: object }>(
      token,
      '{ viewer { kind role environmentId embedView } }',
    );
    expect(viewer.viewer).toEqual({
      kind: 'embed',
      role: 'ANALYST',
      environmentId,
      embedView: 'OVERVIEW',
    });
  });

  it('reads nothing else: no users, no configuration, no other environment, no writes', async () => {
    const token = (
      (await createLink(keys.ADMIN, {})).data as { createEmbedLink: { token: string } }
    ).createEmbedLink.token;
    const other = await createEnvironmentWithKeys(test);
    const refused = [
      [
        'query($env: ID!) { environment(id: $env) { users { totalCount } } }',
        { env: environmentId },
      ],
      [
        'query($env: ID!) { environment(id: $env) { delightedSource { status } } }',
        { env: environmentId },
      ],
      [
        'query($env: ID!) { environment(id: $env) { npsSummary { nps } } }',
        { env: other.environmentId },
      ],
      ['{ apiKeys { id } }', {}],
      [
        'mutation($env: ID!) { importSurveyResponses(environmentId: $env, json: "[]") { inserted } }',
        { env: environmentId },
      ],
      [
        'mutation($env: ID!) { createEmbedLink(environmentId: $env, view: OVERVIEW) { token } }',
        { env: environmentId },
      ],
    ] as const;
    for (const [query, variables] of refused) {
      const result = await test.graphql(token, query, variables);
      expect([query, result.errors?.[0].extensions?.code]).toEqual([query, 'FORBIDDEN']);
    }
    const ingest = await test.http
      .post('/api/track')
      .set('authorization', `Bearer ${token}`)
      .send({ app_id: environmentId, identity: 'x', event: 'E' });
    expect(ingest.status).toBe(403);
  });

  it('builds links from PUBLIC_URL only, whatever Host and X-Forwarded-Proto say', async () => {
    const hostile = {
      host: 'evil.example',
      'x-forwarded-proto': 'javascript',
      'x-forwarded-host': 'evil.example',
    };
    const overGraphql = await test.http
      .post('/graphql')
      .set(hostile)
      .set('authorization', `Bearer ${keys.ADMIN}`)
      .send({
        query: `mutation($env: ID!) { createEmbedLink(environmentId: $env, view: OVERVIEW) { url token } }`,
        variables: { env: environmentId },
      });
    const overRest = await test.http
      .post('/api/embed-links')
      .set(hostile)
      .set('authorization', `Bearer ${keys.ADMIN}`)
      .send({ environmentId, view: 'OVERVIEW' });
    expect(overRest.status).toBe(201);
    for (const link of [overGraphql.body.data.createEmbedLink, overRest.body]) {
      expect(link.url).toBe(`http://localhost:${test.config.port}/embed?token=${link.token}`);
    }
    const configured = await startTestApp({
      EMBED_SECRET,
      PUBLIC_URL: 'https://nps.example.com/analytics/',
    });
    try {
      const other = await createEnvironmentWithKeys(configured);
      const response = await configured.http
        .post('/api/embed-links')
        .set(hostile)
        .set('authorization', `Bearer ${other.keys.ADMIN}`)
        .send({ environmentId: other.environmentId, view: 'RESPONSES' });
      expect(response.body.url).toBe(
        `https://nps.example.com/analytics/embed?token=${response.body.token}`,
      );
    } finally {
      await configured.close();
    }
  });

  it('serves the dashboard for a valid link, framable only by the configured origins', async () => {
    const token = (
      (await createLink(keys.ADMIN, {})).data as { createEmbedLink: { token: string } }
    ).createEmbedLink.token;
    const page = await test.http.get(`/embed?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<title>NPS analytics<\/title>/);
    expect(page.headers['content-security-policy']).toBe('frame-ancestors https://host.example');
    const standalone = await test.http.get('/');
    expect(standalone.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('refuses expired, tampered and missing tokens with a clear page, and as credentials', async () => {
    const expired = signEmbedToken(
      { env: environmentId, view: 'OVERVIEW', filter: [], exp: Math.floor(Date.now() / 1000) - 5 },
      EMBED_SECRET,
    );
    const expiredPage = await test.http.get(`/embed?token=${expired}`);
    expect(expiredPage.status).toBe(401);
    expect(expiredPage.text).toMatch(/has expired/);
    const forged = signEmbedToken(
      {
        env: environmentId,
        view: 'OVERVIEW',
        filter: [],
        exp: Math.floor(Date.now() / 1000) + 600,
      },
      'another-secret-of-enough-length-000000000',
    );
    const forgedPage = await test.http.get(`/embed?token=${forged}`);
    expect(forgedPage.status).toBe(403);
    expect(forgedPage.text).toMatch(/not valid/);
    expect((await test.http.get('/embed')).status).toBe(403);
    const asCredential = await summary(expired);
    expect(asCredential.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(asCredential.errors?.[0].message).toMatch(/expired/);
  });

  it('mints links over REST for host back ends', async () => {
    const response = await test.http
      .post('/api/embed-links')
      .set('authorization', `Bearer ${BOOTSTRAP_KEY}`)
      .send({ environmentId, view: 'DRIVERS', filter: proOnly, expiresInMinutes: 5 });
    expect(response.status).toBe(201);
    expect(response.body.url).toContain('/embed?token=');
    const refused = await test.http
      .post('/api/embed-links')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({ environmentId, view: 'DRIVERS' });
    expect(refused.status).toBe(403);
    const badView = await test.http
      .post('/api/embed-links')
      .set('authorization', `Bearer ${keys.ADMIN}`)
      .send({ environmentId, view: 'SETTINGS' });
    expect(badView.status).toBe(400);
  });
});
