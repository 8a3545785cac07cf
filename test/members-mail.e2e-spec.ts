import request from 'supertest';
import { Role } from '../src/auth/role';
import { SmtpCatcher, startSmtpCatcher } from '../tools/harness/smtp-catcher';
import { TestApp, createEnvironmentWithKeys, startTestApp } from './support/test-app';
import { PASSWORD, createMember, gqlAs, signIn, uniqueEmail } from './support/members';

describe('invitation and password reset emails through a real SMTP server', () => {
  let catcher: SmtpCatcher;
  let test: TestApp;
  let environmentId: string;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    test = await startTestApp({ SMTP_URL: catcher.url, MAIL_FROM: 'NPS <nps@nps.example>' });
    ({ environmentId } = await createEnvironmentWithKeys(test));
  });
  afterAll(async () => {
    await test.close();
    await catcher.close();
  });

  it('emails the invitation link; the link in the email signs the invitee in', async () => {
    const admin = await createMember(test, { roles: { [environmentId]: Role.ADMIN } });
    const agent = await signIn(test, admin.email);
    const email = uniqueEmail('mailed');
    const before = catcher.messages.length;
    const { data } = await gqlAs<{ inviteMember: { acceptUrl: string; emailed: boolean } }>(
      agent,
      'mutation($email: String!, $env: ID) { inviteMember(email: $email, role: ANALYST, environmentId: $env) { acceptUrl emailed } }',
      { email, env: environmentId },
    );
    expect(data!.inviteMember.emailed).toBe(true);
    const [message] = (await catcher.waitForMessages(before + 1)).slice(before);
    expect(message.envelopeTo).toEqual([email]);
    expect(message.parsed.subject).toBe('You are invited to NPS analytics');
    expect(message.parsed.text).toContain(data!.inviteMember.acceptUrl);
    expect(message.parsed.html).toContain(`href="${data!.inviteMember.acceptUrl}"`);
    const token = /#invitation=([\w-]+)/.exec(message.parsed.text!)![1];
    const accepted = await request(test.app.getHttpServer())
      .post('/auth/invitations/accept')
      .send({ token, name: 'Mailed', password: PASSWORD });
    expect(accepted.status).toBe(200);
  });

  it('"forgot password" emails a reset link to members only, answering 202 either way', async () => {
    const member = await createMember(test, { roles: { [environmentId]: Role.ANALYST } });
    const http = request(test.app.getHttpServer());
    const before = catcher.messages.length;
    const unknown = await http
      .post('/auth/password-reset/request')
      .send({ email: uniqueEmail('ghost') });
    const known = await http.post('/auth/password-reset/request').send({ email: member.email });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    const [message] = (await catcher.waitForMessages(before + 1)).slice(before);
    expect(catcher.messages.length).toBe(before + 1);
    expect(message.envelopeTo).toEqual([member.email]);
    const token = /#reset=([\w-]+)/.exec(message.parsed.text!)![1];
    const reset = await http
      .post('/auth/password-reset')
      .send({ token, password: 'saffron-bridge-lamp' });
    expect(reset.status).toBe(200);
    await expect(signIn(test, member.email, 'saffron-bridge-lamp')).resolves.toBeDefined();
  });
});
