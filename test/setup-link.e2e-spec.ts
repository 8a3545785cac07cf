import request from 'supertest';
import { SetupService } from '../src/members/setup.service';
import { createPrivateDatabase, PrivateDatabase } from './support/private-database';
import { TestApp, startTestApp } from './support/test-app';
import { PASSWORD, gqlAs, uniqueIp } from './support/members';

/** First run, on a database of its own: no member at all until the setup link is used. */
describe('first run: the setup link creates the owner, once; the last owner stays', () => {
  let database: PrivateDatabase;
  let test: TestApp;

  beforeAll(async () => {
    database = await createPrivateDatabase('setup');
    test = await startTestApp({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await test.close();
    await database.drop();
  });

  it('gives a 24 h link while there is no member, which creates the owner and signs them in', async () => {
    const link = await test.app.get(SetupService).linkIfNoMember();
    expect(link!.url).toMatch(new RegExp(`^${test.config.publicUrl}/#setup=[\\w-]{43}$`));
    const hours = (link!.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.99);
    expect(hours).toBeLessThanOrEqual(24);
    const spare = await test.app.get(SetupService).linkIfNoMember();
    const token = link!.url.split('#setup=')[1];

    const agent = request.agent(test.app.getHttpServer());
    const badEmail = await agent
      .post('/auth/setup')
      .send({ token, email: 'nope', name: 'O', password: PASSWORD });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.message).toMatch(/^email/);
    const created = await agent
      .post('/auth/setup')
      .set('x-forwarded-for', uniqueIp())
      .send({ token, email: 'owner@example.com', name: 'Olive', password: PASSWORD });
    expect(created.status).toBe(200);
    const viewer = await gqlAs<{ viewer: { member: { owner: boolean }; role: string } }>(
      agent,
      '{ viewer { role member { owner } } }',
    );
    expect(viewer.data!.viewer).toEqual({ role: 'ADMIN', member: { owner: true } });

    // Once there is an owner, no link is given and an unused one is refused.
    await expect(test.app.get(SetupService).linkIfNoMember()).resolves.toBeNull();
    const late = await request(test.app.getHttpServer())
      .post('/auth/setup')
      .send({
        token: spare!.url.split('#setup=')[1],
        email: 'second@example.com',
        name: 'S',
        password: PASSWORD,
      });
    expect(late.status).toBe(410);

    // The only owner cannot be removed.
    const me = (await database.query<{ id: string }>('SELECT id FROM members'))[0].id;
    const refused = await gqlAs(agent, 'mutation($m: ID!) { removeMember(memberId: $m) }', {
      m: me,
    });
    expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
    expect(refused.errors![0].message).toMatch(/last owner/);
  });
});
