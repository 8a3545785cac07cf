import request from 'supertest';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Role } from '../src/auth/role';
import {
  BOOTSTRAP_KEY,
  TestApp,
  createEnvironmentWithKeys,
  startTestApp,
} from './support/test-app';
import { PASSWORD, createMember, gqlAs, signIn, uniqueEmail, uniqueIp } from './support/members';

const VIEWER =
  'query { viewer { kind role member { id email name } environments { id name role } } }';

describe('sign-in and sessions over HTTP (cookie nps_session)', () => {
  let test: TestApp;
  let environmentId: string;

  beforeAll(async () => {
    test = await startTestApp();
    ({ environmentId } = await createEnvironmentWithKeys(test));
  });
  afterAll(() => test.close());

  const sql = <T>(query: string, parameters: unknown[]) =>
    test.app
      .get<string, DataSource>(getDataSourceToken() as string)
      .query(query, parameters) as Promise<T>;

  it('POST /auth/login answers the member and sets an HttpOnly, SameSite=Lax, Path=/ cookie', async () => {
    const member = await createMember(test, { roles: { [environmentId]: Role.ANALYST } });
    const response = await request(test.app.getHttpServer())
      .post('/auth/login')
      .set('x-forwarded-for', uniqueIp())
      .send({ email: member.email.toUpperCase(), password: PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      member: { id: member.id, email: member.email, name: member.email.split('@')[0] },
    });
    const cookie = (response.headers['set-cookie'] as unknown as string[])[0];
    expect(cookie).toMatch(/^nps_session=[\w-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
    // Only a hash of the token is stored.
    const token = /^nps_session=([\w-]+);/.exec(cookie)![1];
    const rows = await sql<Array<{ token_hash: string }>>(
      'SELECT token_hash FROM member_sessions WHERE member_id = $1',
      [member.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('viewer answers for a member: kind, member, role and environments with their roles', async () => {
    const member = await createMember(test, { roles: { [environmentId]: Role.ARCHITECT } });
    const agent = await signIn(test, member.email);
    const { data } = await gqlAs<{ viewer: Record<string, unknown> }>(agent, VIEWER);
    expect(data!.viewer).toEqual({
      kind: 'member',
      role: 'ARCHITECT',
      member: { id: member.id, email: member.email, name: member.email.split('@')[0] },
      environments: [{ id: environmentId, name: expect.any(String), role: 'ARCHITECT' }],
    });
  });

  it('a wrong password and an unknown email get the same 401 and message', async () => {
    const member = await createMember(test);
    const http = request(test.app.getHttpServer());
    const wrong = await http
      .post('/auth/login')
      .set('x-forwarded-for', uniqueIp())
      .send({ email: member.email, password: 'not-the-password-at-all' });
    const unknown = await http
      .post('/auth/login')
      .set('x-forwarded-for', uniqueIp())
      .send({ email: uniqueEmail('nobody'), password: 'not-the-password-at-all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe('The email or password is wrong.');
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(wrong.body).sort());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a body without email or password naming the field, and a form body with 415', async () => {
    const http = request(test.app.getHttpServer());
    const noEmail = await http.post('/auth/login').send({ password: 'x' });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.message).toMatch(/^email/);
    const noPassword = await http.post('/auth/login').send({ email: 'a@example.com' });
    expect(noPassword.body.message).toMatch(/^password/);
    const form = await http
      .post('/auth/login')
      .set('x-requested-with', 'test')
      .type('form')
      .send({ email: 'a@example.com', password: 'x' });
    expect(form.status).toBe(415);
  });

  it('POST /auth/logout answers 204 and the session stops working at once', async () => {
    const member = await createMember(test, { roles: { [environmentId]: Role.ANALYST } });
    const agent = await signIn(test, member.email);
    expect((await gqlAs(agent, VIEWER)).data).not.toBeNull();
    const cookie = await sessionCookie(agent);
    const logout = await agent.post('/auth/logout').set('content-type', 'application/json');
    expect(logout.status).toBe(204);
    // The old cookie, replayed, no longer signs in.
    const replay = await request(test.app.getHttpServer())
      .post('/graphql')
      .set('cookie', cookie)
      .send({ query: VIEWER });
    expect(replay.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(replay.body.errors[0].message).toMatch(/session has ended/);
  });

  it('POST /auth/logout-everywhere ends every session of the member', async () => {
    const member = await createMember(test, { roles: { [environmentId]: Role.ANALYST } });
    const first = await signIn(test, member.email);
    const second = await signIn(test, member.email);
    const other = await createMember(test, { roles: { [environmentId]: Role.ANALYST } });
    const bystander = await signIn(test, other.email);
    const ended = await first
      .post('/auth/logout-everywhere')
      .set('content-type', 'application/json');
    expect(ended.status).toBe(204);
    expect((await gqlAs(second, VIEWER)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gqlAs(first, VIEWER)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gqlAs(bystander, VIEWER)).data).not.toBeNull();
  });

  it('changing the password ends the other sessions, keeps this one, and the old password fails', async () => {
    const member = await createMember(test, { roles: { [environmentId]: Role.ANALYST } });
    const here = await signIn(test, member.email);
    const elsewhere = await signIn(test, member.email);
    const weak = await here
      .post('/auth/password')
      .send({ currentPassword: PASSWORD, newPassword: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/^newPassword .*common/);
    const wrongCurrent = await here
      .post('/auth/password')
      .send({ currentPassword: 'wrong-current-password', newPassword: 'amber-orchard-window' });
    expect(wrongCurrent.body.message).toMatch(/^currentPassword/);
    const changed = await here
      .post('/auth/password')
      .send({ currentPassword: PASSWORD, newPassword: 'amber-orchard-window' });
    expect(changed.status).toBe(204);
    expect((await gqlAs(here, VIEWER)).data).not.toBeNull();
    expect((await gqlAs(elsewhere, VIEWER)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await expect(signIn(test, member.email)).rejects.toThrow(/401/);
    await expect(signIn(test, member.email, 'amber-orchard-window')).resolves.toBeDefined();
  });

  it('a session unused for 7 days, or 30 days old, has expired', async () => {
    const member = await createMember(test, { roles: { [environmentId]: Role.ANALYST } });
    const idle = await signIn(test, member.email);
    const old = await signIn(test, member.email);
    const fresh = await signIn(test, member.email);
    const [idleId, oldId] = await Promise.all([sessionId(idle), sessionId(old)]);
    // Time is moved by moving the rows: 7 days and a minute unused; 30 days and a minute old.
    await sql(
      `UPDATE member_sessions SET last_seen_at = now() - interval '7 days 1 minute' WHERE id = $1`,
      [idleId],
    );
    await sql(
      `UPDATE member_sessions SET created_at = now() - interval '30 days 1 minute',
         expires_at = now() - interval '1 minute' WHERE id = $1`,
      [oldId],
    );
    expect((await gqlAs(idle, VIEWER)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gqlAs(old, VIEWER)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gqlAs(fresh, VIEWER)).data).not.toBeNull();
    // A session used 6 days ago still works, and its use is recorded.
    const recent = await signIn(test, member.email);
    const recentId = await sessionId(recent);
    await sql(`UPDATE member_sessions SET last_seen_at = now() - interval '6 days' WHERE id = $1`, [
      recentId,
    ]);
    expect((await gqlAs(recent, VIEWER)).data).not.toBeNull();
  });

  it('after 10 failures in the window the account answers 429 with Retry-After, even for the right password', async () => {
    const member = await createMember(test);
    const http = request(test.app.getHttpServer());
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await http
        .post('/auth/login')
        .set('x-forwarded-for', uniqueIp())
        .send({ email: member.email, password: `wrong-password-${attempt}` });
      expect(response.status).toBe(401);
    }
    const blocked = await http
      .post('/auth/login')
      .set('x-forwarded-for', uniqueIp())
      .send({ email: member.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // An unknown email is throttled the same way (nothing to learn from the 429 either).
    // The window passing (failures aged by 15 minutes) lets the right password in again.
    await sql(
      `UPDATE login_failures SET at = at - interval '15 minutes' WHERE email_normalized = $1`,
      [member.email],
    );
    const again = await http
      .post('/auth/login')
      .set('x-forwarded-for', uniqueIp())
      .send({ email: member.email, password: PASSWORD });
    expect(again.status).toBe(200);
  });

  it('CSRF: cookie-authenticated GraphQL as text/plain or a form is refused; REST needs the origin or JSON', async () => {
    const member = await createMember(test, { owner: true });
    const agent = await signIn(test, member.email);
    const mutation = 'mutation { createEnvironment(name: "forged") { id } }';
    const plain = await agent
      .post('/graphql')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ query: mutation }));
    expect(plain.status).toBe(400);
    expect(plain.text).toMatch(/CSRF/i);
    const form = await agent.post('/graphql').type('form').send({ query: mutation });
    expect(form.status).toBe(400);
    // REST: a form POST from another site with the cookie is refused.
    const forged = await agent
      .post('/auth/logout-everywhere')
      .set('origin', 'https://evil.example')
      .type('form')
      .send({});
    expect(forged.status).toBe(403);
    expect(forged.body.message).toMatch(/Cross-site request refused/);
    const forgedImport = await agent
      .post(`/api/environments/${environmentId}/survey-responses/import`)
      .set('origin', 'https://evil.example')
      .field('x', 'y');
    expect(forgedImport.status).toBe(403);
    // The session survived the forgeries, and the same origin as PUBLIC_URL is accepted.
    expect((await gqlAs(agent, VIEWER)).data).not.toBeNull();
    const sameSite = await agent
      .post('/auth/logout')
      .set('origin', test.config.publicUrl)
      .type('form')
      .send({});
    expect(sameSite.status).toBe(204);
    // Bearer keys are not cookies: a key-authenticated form stays as it was.
    const keyed = await request(test.app.getHttpServer())
      .post('/graphql')
      .set('authorization', `Bearer ${BOOTSTRAP_KEY}`)
      .set('content-type', 'application/json')
      .send({ query: '{ viewer { kind } }' });
    expect(keyed.body.data.viewer.kind).toBe('bootstrap');
  });

  it('per-IP throttling: many failed emails from one address are refused with 429', async () => {
    const ip = uniqueIp();
    const limited = await startTestApp({ LOGIN_MAX_FAILURES_PER_IP: '3' });
    try {
      const http = request(limited.app.getHttpServer());
      for (let attempt = 0; attempt < 3; attempt += 1)
        expect(
          (
            await http
              .post('/auth/login')
              .set('x-forwarded-for', ip)
              .send({ email: uniqueEmail('spray'), password: 'guess-guess-guess' })
          ).status,
        ).toBe(401);
      const member = await createMember(limited);
      const blocked = await http
        .post('/auth/login')
        .set('x-forwarded-for', ip)
        .send({ email: member.email, password: PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
      const elsewhere = await http
        .post('/auth/login')
        .set('x-forwarded-for', uniqueIp())
        .send({ email: member.email, password: PASSWORD });
      expect(elsewhere.status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const secure = await startTestApp({ PUBLIC_URL: 'https://nps.example.com' });
    try {
      const member = await createMember(secure);
      const response = await request(secure.app.getHttpServer())
        .post('/auth/login')
        .set('x-forwarded-for', uniqueIp())
        .send({ email: member.email, password: PASSWORD });
      expect(response.status).toBe(200);
      expect((response.headers['set-cookie'] as unknown as string[])[0]).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  async function sessionCookie(agent: ReturnType<typeof request.agent>): Promise<string> {
    const jar = (
      agent as unknown as { jar: { getCookie(name: string, access: unknown): { value: string } } }
    ).jar;
    const cookie = jar.getCookie('nps_session', {
      domain: '127.0.0.1',
      path: '/',
      secure: false,
      script: false,
    });
    return `nps_session=${cookie.value}`;
  }

  async function sessionId(agent: ReturnType<typeof request.agent>): Promise<string> {
    const cookie = await sessionCookie(agent);
    const rows = await sql<Array<{ id: string }>>(
      `SELECT id FROM member_sessions WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [cookie.slice('nps_session='.length)],
    );
    return rows[0].id;
  }
});
