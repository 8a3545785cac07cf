import {
  BOOTSTRAP_KEY,
  TestApp,
  createEnvironmentWithKeys,
  startTestApp,
} from './support/test-app';
import { countRows, withTestDatabase } from './support/test-database';

describe('Heap-compatible ingestion (REST)', () => {
  let test: TestApp;
  let environmentId: string;
  let keys: Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

  beforeAll(async () => {
    test = await startTestApp({ MAX_BODY_BYTES: '200000' });
  });
  afterAll(() => test.close());
  beforeEach(async () => {
    ({ environmentId, keys } = await createEnvironmentWithKeys(test));
  });

  const track = (body: unknown, key: string | null = keys.INGEST) => {
    const call = test.http.post('/api/track').set('content-type', 'application/json');
    return (key ? call.set('authorization', `Bearer ${key}`) : call).send(JSON.stringify(body));
  };
  const addProperties = (body: unknown, key: string = keys.INGEST) =>
    test.http
      .post('/api/add_user_properties')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${key}`)
      .send(JSON.stringify(body));

  describe('track', () => {
    it('stores a single event, creates its user and counts the type', async () => {
      const response = await track({
        app_id: environmentId,
        identity: 'alice@example.com',
        event: 'Create Report',
        timestamp: '2026-03-01T10:00:00Z',
        properties: { plan: 'pro', seats: 3, beta: true, tags: ['a', 'b'] },
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ accepted: 1, inserted: 1, duplicates: 0 });
      const rows = await withTestDatabase((client) =>
        client.query(
          `SELECT u.identity, e.name, e.time, e.properties, e.source, u.first_seen, u.last_seen
             FROM events e JOIN users u USING (environment_id) WHERE e.user_id = u.id AND e.environment_id = $1`,
          [environmentId],
        ),
      );
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]).toMatchObject({
        identity: 'alice@example.com',
        name: 'Create Report',
        properties: { plan: 'pro', seats: 3, beta: 'true', tags: 'a||b' },
        source: 'api',
      });
      expect(rows.rows[0].time.toISOString()).toBe('2026-03-01T10:00:00.000Z');
      expect(rows.rows[0].first_seen.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    });

    it('accepts the numeric app_id form and Unix-millisecond timestamps', async () => {
      const response = await track({
        app_id: Number(environmentId),
        identity: 'u1',
        event: 'Login',
        timestamp: 1767225600000,
      });
      expect(response.status).toBe(200);
      const rows = await withTestDatabase((client) =>
        client.query('SELECT time FROM events WHERE environment_id = $1', [environmentId]),
      );
      expect(rows.rows[0].time.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    });

    it('reads a timestamp without zone as UTC', async () => {
      await track({
        app_id: environmentId,
        identity: 'u1',
        event: 'Login',
        timestamp: '2026-02-03T04:05:06',
      }).expect(200);
      const rows = await withTestDatabase((client) =>
        client.query('SELECT time FROM events WHERE environment_id = $1', [environmentId]),
      );
      expect(rows.rows[0].time.toISOString()).toBe('2026-02-03T04:05:06.000Z');
    });

    it('stores a bulk request and widens first/last seen of each user', async () => {
      const response = await track({
        app_id: environmentId,
        events: [
          { identity: 'bob', event: 'Login', timestamp: '2026-01-05T00:00:00Z' },
          { identity: 'bob', event: 'Export', timestamp: '2026-01-02T00:00:00Z' },
          { identity: 'carol', event: 'Login', timestamp: '2026-01-03T00:00:00Z' },
        ],
      });
      expect(response.body).toEqual({ accepted: 3, inserted: 3, duplicates: 0 });
      const users = await withTestDatabase((client) =>
        client.query(
          'SELECT identity, first_seen, last_seen FROM users WHERE environment_id = $1 ORDER BY identity',
          [environmentId],
        ),
      );
      expect(
        users.rows.map((row) => [
          row.identity,
          row.first_seen.toISOString(),
          row.last_seen.toISOString(),
        ]),
      ).toEqual([
        ['bob', '2026-01-02T00:00:00.000Z', '2026-01-05T00:00:00.000Z'],
        ['carol', '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z'],
      ]);
      const types = await test.ok<{
        environment: { eventTypes: Array<{ name: string; count: number; lastSeen: string }> };
      }>(
        keys.ANALYST,
        'query($id: ID!) { environment(id: $id) { eventTypes { name count lastSeen } } }',
        { id: environmentId },
      );
      expect(types.environment.eventTypes).toEqual([
        { name: 'Login', count: 2, lastSeen: '2026-01-05T00:00:00.000Z' },
        { name: 'Export', count: 1, lastSeen: '2026-01-02T00:00:00.000Z' },
      ]);
    });

    it('changes nothing when an idempotency key repeats, across requests and within one', async () => {
      const event = {
        identity: 'dave',
        event: 'Login',
        timestamp: '2026-01-01T00:00:00Z',
        idempotency_key: 'login-1',
      };
      expect((await track({ app_id: environmentId, ...event })).body).toEqual({
        accepted: 1,
        inserted: 1,
        duplicates: 0,
      });
      const replay = await track({
        app_id: environmentId,
        events: [
          { ...event, timestamp: '2026-06-01T00:00:00Z' },
          { ...event, identity: 'someone-new' },
          {
            identity: 'erin',
            event: 'Login',
            idempotency_key: 'login-2',
            timestamp: '2026-01-01T00:00:00Z',
          },
          {
            identity: 'erin',
            event: 'Login',
            idempotency_key: 'login-2',
            timestamp: '2026-01-01T00:00:00Z',
          },
        ],
      });
      expect(replay.body).toEqual({ accepted: 4, inserted: 1, duplicates: 3 });
      expect(await countRows('events', environmentId)).toBe(2);
      const users = await withTestDatabase((client) =>
        client.query(
          'SELECT identity, last_seen FROM users WHERE environment_id = $1 ORDER BY identity',
          [environmentId],
        ),
      );
      // The replay neither moved dave's last_seen nor created "someone-new".
      expect(users.rows.map((row) => [row.identity, row.last_seen.toISOString()])).toEqual([
        ['dave', '2026-01-01T00:00:00.000Z'],
        ['erin', '2026-01-01T00:00:00.000Z'],
      ]);
      const types = await withTestDatabase((client) =>
        client.query('SELECT count FROM event_types WHERE environment_id = $1', [environmentId]),
      );
      expect(Number(types.rows[0].count)).toBe(2);
    });

    it('keeps events of different environments apart even with the same idempotency key', async () => {
      const other = await createEnvironmentWithKeys(test);
      await track({
        app_id: environmentId,
        identity: 'x',
        event: 'Login',
        idempotency_key: 'shared',
      }).expect(200);
      const response = await track(
        { app_id: other.environmentId, identity: 'x', event: 'Login', idempotency_key: 'shared' },
        other.keys.INGEST,
      );
      expect(response.body.inserted).toBe(1);
    });

    it('rejects a whole bulk request with one bad item and names it by index and field', async () => {
      const response = await track({
        app_id: environmentId,
        events: [
          { identity: 'ok-user', event: 'Login' },
          { identity: 'ok-user', event: 'Login', properties: { nested: { a: 1 } } },
          { identity: 'x'.repeat(256), event: 'Login' },
        ],
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('BAD_USER_INPUT');
      expect(response.body.message).toMatch(/nothing was written/);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ index: 1, field: 'events[1].properties.nested' }),
        expect.objectContaining({
          index: 2,
          field: 'events[2].identity',
          message: expect.stringMatching(/255/),
        }),
      ]);
      expect(await countRows('events', environmentId)).toBe(0);
      expect(await countRows('users', environmentId)).toBe(0);
    });

    const badEvents: Array<[string, Record<string, unknown>, string]> = [
      ['a missing identity', { event: 'Login' }, 'identity'],
      ['a blank identity', { identity: '   ', event: 'Login' }, 'identity'],
      [
        'an identity over 255 characters',
        { identity: 'i'.repeat(256), event: 'Login' },
        'identity',
      ],
      ['a missing event name', { identity: 'u' }, 'event'],
      ['an event name over 1024 characters', { identity: 'u', event: 'e'.repeat(1025) }, 'event'],
      ['the reserved Submit Survey name', { identity: 'u', event: 'Submit Survey' }, 'event'],
      [
        'properties that are not an object',
        { identity: 'u', event: 'E', properties: [1, 2] },
        'properties',
      ],
      [
        'a property name of 1024 characters',
        { identity: 'u', event: 'E', properties: { ['p'.repeat(1024)]: 1 } },
        'properties.' + 'p'.repeat(1024),
      ],
      [
        'a string value of 1024 characters',
        { identity: 'u', event: 'E', properties: { p: 'v'.repeat(1024) } },
        'properties.p',
      ],
      [
        'an array joining to 1024 characters',
        { identity: 'u', event: 'E', properties: { p: ['v'.repeat(600), 'w'.repeat(422)] } },
        'properties.p',
      ],
      ['a null value', { identity: 'u', event: 'E', properties: { p: null } }, 'properties.p'],
      [
        'an unparseable timestamp',
        { identity: 'u', event: 'E', timestamp: 'yesterday' },
        'timestamp',
      ],
      [
        'a timestamp far in the future',
        { identity: 'u', event: 'E', timestamp: '2999-01-01T00:00:00Z' },
        'timestamp',
      ],
      [
        'an idempotency key over 255 characters',
        { identity: 'u', event: 'E', idempotency_key: 'k'.repeat(256) },
        'idempotency_key',
      ],
    ];
    it.each(badEvents)('rejects %s with 400 naming the field', async (_case, event, field) => {
      const response = await track({ app_id: environmentId, ...event });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((problem: { field: string }) => problem.field)).toContain(
        field,
      );
      expect(response.body.errors[0].message.length).toBeGreaterThan(10);
      expect(await countRows('events', environmentId)).toBe(0);
    });

    it('accepts values just under the limits', async () => {
      const response = await track({
        app_id: environmentId,
        identity: 'i'.repeat(255),
        event: 'e'.repeat(1024),
        properties: { ['p'.repeat(1023)]: 'v'.repeat(1023) },
        idempotency_key: 'k'.repeat(255),
      });
      expect(response.status).toBe(200);
    });

    it.each([
      [
        'more than 1000 events',
        { events: Array.from({ length: 1001 }, () => ({ identity: 'u', event: 'E' })) },
      ],
      ['an empty events list', { events: [] }],
      ['events that is not a list', { events: 'nope' }],
    ])('rejects a bulk request with %s', async (_case, body) => {
      const response = await track({ app_id: environmentId, ...body });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('events');
    });

    it('accepts exactly 1000 events in one request', async () => {
      const events = Array.from({ length: 1000 }, (_, index) => ({
        identity: `u${index % 10}`,
        event: 'E',
      }));
      const response = await track({ app_id: environmentId, events });
      // 1000 minimal events fit within the 200 kB limit this test app uses.
      expect(response.body).toEqual({ accepted: 1000, inserted: 1000, duplicates: 0 });
    });

    it('answers 400 for a body that is not JSON, or has no app_id', async () => {
      const broken = await test.http
        .post('/api/track')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${keys.INGEST}`)
        .send('{"app_id": ');
      expect(broken.status).toBe(400);
      expect(broken.body.message).toMatch(/not valid JSON/);
      const noAppId = await track({ identity: 'u', event: 'E' });
      expect(noAppId.status).toBe(400);
      expect(noAppId.body.errors[0].field).toBe('app_id');
    });

    it('answers 413 for a body over the configured size', async () => {
      const response = await track({
        app_id: environmentId,
        identity: 'u',
        event: 'E',
        properties: { p: 'x'.repeat(300_000) },
      });
      expect(response.status).toBe(413);
      expect(response.body.message).toMatch(/MAX_BODY_BYTES/);
    });
  });

  describe('JSON only', () => {
    it.each([
      ['/api/track', 'app_id=ENV&identity=u&event=Login'],
      ['/api/add_user_properties', 'app_id=ENV&identity=u&properties[plan]=pro'],
    ])('refuses a form-urlencoded body on %s with 415 and writes nothing', async (route, form) => {
      const response = await test.http
        .post(route)
        .set('authorization', `Bearer ${keys.INGEST}`)
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(form.replace('ENV', environmentId));
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({
        error: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.stringContaining('Content-Type: application/json'),
      });
      expect(await countRows('events', environmentId)).toBe(0);
      expect(await countRows('users', environmentId)).toBe(0);
    });

    it('refuses text and a missing Content-Type with 415 too', async () => {
      const body = JSON.stringify({ app_id: environmentId, identity: 'u', event: 'E' });
      const text = await test.http
        .post('/api/track')
        .set('authorization', `Bearer ${keys.INGEST}`)
        .set('content-type', 'text/plain')
        .send(body);
      expect(text.status).toBe(415);
      expect(text.body.message).toMatch(/got "text\/plain"/);
      const none = await test.http.post('/api/track').set('authorization', `Bearer ${keys.INGEST}`);
      expect(none.status).toBe(415);
      expect(none.body.message).toMatch(/got none/);
      const json = await track({ app_id: environmentId, identity: 'u', event: 'E' });
      expect(json.status).toBe(200);
    });
  });

  describe('authentication and environments', () => {
    it('answers 401 without a key, with a malformed header and with an unknown key', async () => {
      const body = { app_id: environmentId, identity: 'u', event: 'E' };
      expect((await track(body, null)).status).toBe(401);
      expect((await track(body, 'not-a-real-key')).status).toBe(401);
      const malformed = await test.http
        .post('/api/track')
        .set('authorization', 'Basic abc')
        .send(body);
      expect(malformed.status).toBe(401);
      expect(malformed.body.message).toMatch(/Bearer/);
    });

    it('answers 403 for a key of another environment and writes nothing', async () => {
      const other = await createEnvironmentWithKeys(test);
      const response = await track(
        { app_id: environmentId, identity: 'u', event: 'E' },
        other.keys.ADMIN,
      );
      expect(response.status).toBe(403);
      expect(await countRows('events', environmentId)).toBe(0);
    });

    it('lets every role of the environment ingest, and a global admin any environment', async () => {
      for (const key of [keys.INGEST, keys.ANALYST, keys.ARCHITECT, keys.ADMIN, BOOTSTRAP_KEY]) {
        expect(
          (await track({ app_id: environmentId, identity: 'u', event: 'E' }, key)).status,
        ).toBe(200);
      }
    });

    it('answers 404 for an environment that does not exist', async () => {
      const response = await track(
        { app_id: '987654321', identity: 'u', event: 'E' },
        BOOTSTRAP_KEY,
      );
      expect(response.status).toBe(404);
    });

    it('refuses a revoked key at once', async () => {
      const created = await test.ok<{ createApiKey: { id: string; key: string } }>(
        keys.ADMIN,
        'mutation($env: ID) { createApiKey(environmentId: $env, role: INGEST, name: "temp") { id key } }',
        { env: environmentId },
      );
      await track(
        { app_id: environmentId, identity: 'u', event: 'E' },
        created.createApiKey.key,
      ).expect(200);
      await test.ok(keys.ADMIN, 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', {
        id: created.createApiKey.id,
      });
      expect(
        (
          await track(
            { app_id: environmentId, identity: 'u', event: 'E' },
            created.createApiKey.key,
          )
        ).status,
      ).toBe(401);
    });
  });

  describe('add_user_properties', () => {
    it('creates unknown users and merges properties into known ones', async () => {
      await track({ app_id: environmentId, identity: 'frank', event: 'Login' }).expect(200);
      const first = await addProperties({
        app_id: environmentId,
        identity: 'frank',
        properties: { plan: 'free', seats: 1 },
      });
      expect(first.body).toEqual({ accepted: 1, created: 0, updated: 1 });
      const bulk = await addProperties({
        app_id: environmentId,
        users: [
          { identity: 'frank', properties: { plan: 'pro' } },
          { identity: 'gina', properties: { plan: 'team', roles: ['admin', 'owner'] } },
          { identity: 'frank', properties: { region: 'eu' } },
        ],
      });
      expect(bulk.body).toEqual({ accepted: 2, created: 1, updated: 1 });
      const users = await test.ok<{
        environment: { frank: { properties: object }; gina: { properties: object } };
      }>(
        keys.ANALYST,
        'query($id: ID!) { environment(id: $id) { frank: user(identity: "frank") { properties } gina: user(identity: "gina") { properties } } }',
        { id: environmentId },
      );
      expect(users.environment.frank.properties).toEqual({ plan: 'pro', seats: 1, region: 'eu' });
      expect(users.environment.gina.properties).toEqual({ plan: 'team', roles: 'admin||owner' });
    });

    it('rejects the whole bulk request when one user is bad', async () => {
      const response = await addProperties({
        app_id: environmentId,
        users: [
          { identity: 'ok', properties: { plan: 'pro' } },
          { identity: 'bad', properties: 'plan=pro' },
        ],
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ index: 1, field: 'users[1].properties' }),
      ]);
      expect(await countRows('users', environmentId)).toBe(0);
    });

    it('rejects more than 1000 users', async () => {
      const users = Array.from({ length: 1001 }, (_, index) => ({
        identity: `u${index}`,
        properties: { a: 1 },
      }));
      const response = await addProperties({ app_id: environmentId, users });
      expect(response.status).toBe(400);
    });
  });
});
