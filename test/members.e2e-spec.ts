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
import {
  Agent,
  PASSWORD,
  createMember,
  gqlAs,
  signIn,
  uniqueEmail,
  uniqueIp,
} from './support/members';

const INVITE = `mutation($email: String!, $role: Role!, $env: ID) {
  inviteMember(email: $email, role: $role, environmentId: $env) { id email role environmentId expiresAt acceptUrl emailed } }`;
const SUMMARY = `query($env: ID!) { environment(id: $env) { id name } }`;
const AUDIT = `query($env: ID, $action: String) { auditLog(environmentId: $env, action: $action, first: 50) {
  totalCount edges { node { id at actor { kind id label } action target details ip environmentId } } } }`;

type Entry = {
  id: string;
  actor: { kind: string; id: string | null; label: string };
  action: string;
  [field: string]: unknown;
};
type Invitation = { id: string; acceptUrl: string; expiresAt: string; emailed: boolean };

describe('members, roles per environment, invitations and the audit log', () => {
  let test: TestApp;
  let envA: string;
  let envB: string;
  let owner: { id: string; email: string };
  let ownerAgent: Agent;

  beforeAll(async () => {
    test = await startTestApp();
    envA = (await createEnvironmentWithKeys(test, 'Members A')).environmentId;
    envB = (await createEnvironmentWithKeys(test, 'Members B')).environmentId;
    owner = await createMember(test, { owner: true });
    ownerAgent = await signIn(test, owner.email);
  });
  afterAll(() => test.close());

  const sql = <T>(query: string, parameters: unknown[] = []) =>
    test.app
      .get<string, DataSource>(getDataSourceToken() as string)
      .query(query, parameters) as Promise<T>;
  const tokenOf = (url: string) => url.split('#invitation=')[1];
  const accept = (body: Record<string, unknown>, agent = request.agent(test.app.getHttpServer())) =>
    agent.post('/auth/invitations/accept').set('x-forwarded-for', uniqueIp()).send(body);

  async function invite(agent: Agent, email: string, role: string, env: string | null) {
    const result = await gqlAs<{ inviteMember: Invitation }>(agent, INVITE, { email, role, env });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.inviteMember;
  }

  it('invitation lifecycle: invite, accept (creates the member and signs in), reuse refused', async () => {
    const email = uniqueEmail('invitee');
    const invitation = await invite(ownerAgent, email, 'ANALYST', envA);
    expect(invitation.acceptUrl).toMatch(
      new RegExp(`^${test.config.publicUrl}/#invitation=[\\w-]{43}$`),
    );
    expect(invitation.emailed).toBe(false);
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const pending = await gqlAs<{ invitations: Array<{ id: string; acceptUrl: string | null }> }>(
      ownerAgent,
      'query($env: ID) { invitations(environmentId: $env) { id acceptUrl } }',
      { env: envA },
    );
    expect(pending.data!.invitations).toContainEqual({ id: invitation.id, acceptUrl: null });

    const weak = await accept({
      token: tokenOf(invitation.acceptUrl),
      name: 'Ivy',
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/^password must be at least 12/);

    const agent = request.agent(test.app.getHttpServer());
    const accepted = await accept(
      { token: tokenOf(invitation.acceptUrl), name: 'Ivy', password: PASSWORD },
      agent,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.member).toMatchObject({ email, name: 'Ivy' });
    const viewer = await gqlAs<{ viewer: { environments: unknown[] } }>(
      agent,
      '{ viewer { environments { id role } } }',
    );
    expect(viewer.data!.viewer.environments).toEqual([{ id: envA, role: 'ANALYST' }]);

    const again = await accept({
      token: tokenOf(invitation.acceptUrl),
      name: 'Ivy',
      password: PASSWORD,
    });
    expect(again.status).toBe(410);
    expect(again.body.message).toMatch(/already been used/);
    const unknown = await accept({ token: 'x'.repeat(43), name: 'Ivy', password: PASSWORD });
    expect(unknown.status).toBe(404);
  });

  it('a revoked or expired invitation gets a clear 410', async () => {
    const revoked = await invite(ownerAgent, uniqueEmail('revoked'), 'ANALYST', envA);
    const revoke = await gqlAs(
      ownerAgent,
      'mutation($id: ID!) { revokeInvitation(id: $id) { id } }',
      {
        id: revoked.id,
      },
    );
    expect(revoke.errors).toBeUndefined();
    const refused = await accept({
      token: tokenOf(revoked.acceptUrl),
      name: 'R',
      password: PASSWORD,
    });
    expect(refused.status).toBe(410);
    expect(refused.body.message).toMatch(/revoked/);

    const expired = await invite(ownerAgent, uniqueEmail('expired'), 'ANALYST', envA);
    await sql(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      expired.id,
    ]);
    const late = await accept({ token: tokenOf(expired.acceptUrl), name: 'E', password: PASSWORD });
    expect(late.status).toBe(410);
    expect(late.body.message).toMatch(/expired/);
  });

  it('accepting for an existing member adds the role, but only with their password', async () => {
    const member = await createMember(test, { roles: { [envA]: Role.ANALYST } });
    const invitation = await invite(ownerAgent, member.email, 'ARCHITECT', envB);
    const stranger = await accept({
      token: tokenOf(invitation.acceptUrl),
      name: 'X',
      password: 'someone-elses-guess',
    });
    expect(stranger.status).toBe(401);
    const agent = request.agent(test.app.getHttpServer());
    const ok = await accept({ token: tokenOf(invitation.acceptUrl), password: PASSWORD }, agent);
    expect(ok.status).toBe(200);
    const viewer = await gqlAs<{ viewer: { environments: Array<{ id: string; role: string }> } }>(
      agent,
      '{ viewer { environments { id role } } }',
    );
    expect(viewer.data!.viewer.environments).toEqual([
      { id: envA, role: 'ANALYST' },
      { id: envB, role: 'ARCHITECT' },
    ]);
  });

  it('isolation: a member reaches only their environments, with the rules of their role there', async () => {
    const member = await createMember(test, { roles: { [envA]: Role.ANALYST } });
    const agent = await signIn(test, member.email);
    expect((await gqlAs(agent, SUMMARY, { env: envA })).data).toEqual({
      environment: { id: envA, name: 'Members A' },
    });
    const other = await gqlAs(agent, SUMMARY, { env: envB });
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(other.errors![0].message).toMatch(/not a member of environment/);
    const list = await gqlAs<{ environments: Array<{ id: string }> }>(
      agent,
      '{ environments { id } }',
    );
    expect(list.data!.environments).toEqual([{ id: envA }]);
    // ANALYST, like an ANALYST key: no keys, no email property, no invitations.
    const key = await gqlAs(
      agent,
      'mutation($env: ID) { createApiKey(environmentId: $env, role: INGEST, name: "x") { key } }',
      { env: envA },
    );
    expect(key.errors![0].extensions!.code).toBe('FORBIDDEN');
    const inv = await gqlAs(agent, INVITE, { email: uniqueEmail(), role: 'ANALYST', env: envA });
    expect(inv.errors![0].extensions!.code).toBe('FORBIDDEN');
    const global = await gqlAs(agent, 'mutation { createEnvironment(name: "mine") { id } }');
    expect(global.errors![0].message).toMatch(/owner/);
  });

  it('a role change takes effect at the next request, and removal at once', async () => {
    const member = await createMember(test, { roles: { [envA]: Role.ANALYST } });
    const agent = await signIn(test, member.email);
    const keys = 'query($env: ID) { apiKeys(environmentId: $env) { id } }';
    expect((await gqlAs(agent, keys, { env: envA })).errors![0].extensions!.code).toBe('FORBIDDEN');
    const changed = await gqlAs<{ changeMemberRole: { role: string } }>(
      ownerAgent,
      'mutation($m: ID!, $env: ID!) { changeMemberRole(memberId: $m, environmentId: $env, role: ADMIN) { role } }',
      { m: member.id, env: envA },
    );
    expect(changed.data!.changeMemberRole.role).toBe('ADMIN');
    expect((await gqlAs(agent, keys, { env: envA })).errors).toBeUndefined();
    const ingest = await gqlAs(
      ownerAgent,
      'mutation($m: ID!, $env: ID!) { changeMemberRole(memberId: $m, environmentId: $env, role: INGEST) { role } }',
      { m: member.id, env: envA },
    );
    expect(ingest.errors![0].extensions!.argumentName).toBe('role');
    const removed = await gqlAs(
      ownerAgent,
      'mutation($m: ID!, $env: ID) { removeMember(memberId: $m, environmentId: $env) }',
      {
        m: member.id,
        env: envA,
      },
    );
    expect(removed.data).toEqual({ removeMember: true });
    expect((await gqlAs(agent, SUMMARY, { env: envA })).errors![0].extensions!.code).toBe(
      'FORBIDDEN',
    );
  });

  it('an environment ADMIN manages members of their environment only; members lists them', async () => {
    const admin = await createMember(test, { roles: { [envA]: Role.ADMIN } });
    const agent = await signIn(test, admin.email);
    const listed = await gqlAs<{ members: Array<{ email: string; role: string }> }>(
      agent,
      'query($env: ID) { members(environmentId: $env) { email role owner } }',
      { env: envA },
    );
    expect(listed.data!.members).toContainEqual({
      email: admin.email,
      role: 'ADMIN',
      owner: false,
    });
    expect(listed.data!.members).toContainEqual({ email: owner.email, role: 'ADMIN', owner: true });
    const elsewhere = await gqlAs(
      agent,
      'query($env: ID) { members(environmentId: $env) { email } }',
      { env: envB },
    );
    expect(elsewhere.errors![0].extensions!.code).toBe('FORBIDDEN');
    const everyone = await gqlAs(agent, '{ members { email } }');
    expect(everyone.errors![0].message).toMatch(/owner/);
    const globalInvite = await gqlAs(agent, INVITE, {
      email: uniqueEmail(),
      role: 'ADMIN',
      env: null,
    });
    expect(globalInvite.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('removing the last owner is refused; with a second owner it works', async () => {
    // The run's database may hold owners of other spec files: remove all others but ours first
    // is not ours to do, so the rule is checked in a database of its own in setup-link.e2e-spec.
    const second = await createMember(test, { owner: true });
    const removed = await gqlAs(ownerAgent, 'mutation($m: ID!) { removeMember(memberId: $m) }', {
      m: second.id,
    });
    expect(removed.data).toEqual({ removeMember: true });
    await expect(signIn(test, second.email)).rejects.toThrow(/401/);
  });

  it('createPasswordReset: a one-time link that sets the password and ends every session', async () => {
    const member = await createMember(test, {
      roles: { [envA]: Role.ANALYST, [envB]: Role.ADMIN },
    });
    const before = await signIn(test, member.email);
    // An ADMIN of envA only cannot reset someone who is ADMIN in envB.
    const adminA = await createMember(test, { roles: { [envA]: Role.ADMIN } });
    const adminAgent = await signIn(test, adminA.email);
    const reset =
      'mutation($m: ID!) { createPasswordReset(memberId: $m) { url expiresAt emailed } }';
    const refused = await gqlAs(adminAgent, reset, { m: member.id });
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const link = await gqlAs<{ createPasswordReset: { url: string; emailed: boolean } }>(
      ownerAgent,
      reset,
      { m: member.id },
    );
    const token = link.data!.createPasswordReset.url.split('#reset=')[1];
    expect(token).toMatch(/^[\w-]{43}$/);
    const agent = request.agent(test.app.getHttpServer());
    const used = await agent
      .post('/auth/password-reset')
      .send({ token, password: 'cobalt-meadow-river' });
    expect(used.status).toBe(200);
    expect((await gqlAs(before, '{ viewer { kind } }')).errors![0].extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await gqlAs(agent, '{ viewer { kind } }')).data).toEqual({
      viewer: { kind: 'member' },
    });
    const twice = await agent
      .post('/auth/password-reset')
      .send({ token, password: 'cobalt-meadow-river' });
    expect(twice.status).toBe(410);
  });

  it('the audit log keeps who, when, from where and what, newest first; ADMIN only', async () => {
    const ip = uniqueIp();
    const admin = await createMember(test, { roles: { [envA]: Role.ADMIN } });
    const agent = await signIn(test, admin.email, PASSWORD, ip);
    await agent
      .post('/graphql')
      .set('x-forwarded-for', ip)
      .send({
        query:
          'mutation($env: ID) { createApiKey(environmentId: $env, role: INGEST, name: "audited") { id } }',
        variables: { env: envA },
      });
    await request(test.app.getHttpServer())
      .post('/auth/login')
      .set('x-forwarded-for', ip)
      .send({ email: admin.email, password: 'wrong-wrong-wrong' });
    const log = await gqlAs<{
      auditLog: { totalCount: number; edges: Array<{ node: Entry }> };
    }>(agent, AUDIT, { env: envA, action: 'api_key.create' });
    const entry = log.data!.auditLog.edges[0].node;
    expect(entry).toMatchObject({
      actor: { kind: 'member', id: admin.id, label: admin.email },
      action: 'api_key.create',
      target: expect.stringMatching(/^api_key:/),
      details: { name: 'audited', role: 'INGEST' },
      ip,
      environmentId: envA,
    });
    expect(JSON.stringify(log.data)).not.toMatch(/nps_[\w-]{20}/);
    // Global entries (sign-ins) are for owners.
    const global = await gqlAs<{ auditLog: { edges: Array<{ node: Entry }> } }>(ownerAgent, AUDIT, {
      action: 'auth.login_failed',
    });
    expect(global.data!.auditLog.edges[0].node).toMatchObject({
      actor: { label: admin.email },
      ip,
    });
    const logins = await gqlAs<{ auditLog: { edges: Array<{ node: Entry }> } }>(ownerAgent, AUDIT, {
      action: 'auth.login',
    });
    expect(logins.data!.auditLog.edges.some((edge) => edge.node.actor.id === admin.id)).toBe(true);
    const analyst = await createMember(test, { roles: { [envA]: Role.ANALYST } });
    const denied = await gqlAs(await signIn(test, analyst.email), AUDIT, { env: envA });
    expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
    // Append-only: the database refuses to change or delete an entry.
    await expect(
      sql('UPDATE audit_log SET action = $1 WHERE id = $2', ['x', entry.id]),
    ).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM audit_log WHERE id = $1', [entry.id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('audits each action of the issue: keys, embed links, email property, imports, members, sign-in', async () => {
    const { environmentId } = await createEnvironmentWithKeys(test, 'Audited');
    const key = BOOTSTRAP_KEY;
    await test.ok(
      key,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env: environmentId },
    );
    await test.ok(
      key,
      'mutation($env: ID!) { createEmbedLink(environmentId: $env, view: OVERVIEW) { url } }',
      { env: environmentId },
    );
    const created = await test.ok<{ createApiKey: { id: string } }>(
      key,
      'mutation($env: ID) { createApiKey(environmentId: $env, role: ANALYST, name: "to revoke") { id } }',
      { env: environmentId },
    );
    await test.ok(key, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', {
      id: created.createApiKey.id,
    });
    await test.ok(
      key,
      'mutation($env: ID!, $csv: String) { importSurveyResponses(environmentId: $env, csv: $csv) { responses } }',
      {
        env: environmentId,
        csv: 'Response ID,Email,Score,Created At\nr1,a@example.com,9,2026-11-04\n',
      },
    );
    const invitation = await invite(ownerAgent, uniqueEmail('audited'), 'ANALYST', environmentId);
    await accept({ token: tokenOf(invitation.acceptUrl), name: 'Audited', password: PASSWORD });
    // Later features record their changes too.
    await test.ok(
      key,
      'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "company") { id } }',
      { env: environmentId },
    );
    await test.ok(
      key,
      'mutation($env: ID!) { setThemes(environmentId: $env, themes: [{ name: "Pricing", patterns: ["price"] }]) { id } }',
      { env: environmentId },
    );
    const rule = await test.ok<{ createAlertRule: { id: string } }>(
      key,
      'mutation($env: ID!) { createAlertRule(environmentId: $env, input: { name: "Detractors", kind: DETRACTOR_RESPONSE, destinations: [{ kind: WEBHOOK, url: "https://93.184.215.14/nps-hook" }] }) { id } }',
      { env: environmentId },
    );
    await test.ok(
      key,
      'mutation($env: ID!, $id: ID!) { deleteAlertRule(environmentId: $env, id: $id) }',
      {
        env: environmentId,
        id: rule.createAlertRule.id,
      },
    );
    const log = await test.ok<{
      auditLog: { edges: Array<{ node: { action: string; actor: { kind: string } } }> };
    }>(key, AUDIT, { env: environmentId });
    const actions = log.auditLog.edges.map((edge) => edge.node.action);
    expect(actions).toEqual([
      'alert_rule.delete',
      'alert_rule.create',
      'themes.set',
      'account_property.set',
      'member.join',
      'member.invite',
      'import.run',
      'api_key.revoke',
      'api_key.create',
      'embed_link.create',
      'email_property.set',
      'api_key.create',
      'api_key.create',
      'api_key.create',
      'api_key.create',
    ]);
    expect(log.auditLog.edges[actions.indexOf('import.run')].node.actor.kind).toBe('bootstrap');
  });
});
