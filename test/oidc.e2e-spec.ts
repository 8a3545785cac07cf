import request from 'supertest';
import { Role } from '../src/auth/role';
import { LocalOidcProvider, startOidcProvider } from '../tools/harness/oidc-provider';
import { TestApp, createEnvironmentWithKeys, startTestApp } from './support/test-app';
import { createMember, gqlAs, signIn, uniqueEmail } from './support/members';
import { ssoThroughProvider } from './support/oidc-flow';

const PUBLIC_URL = 'http://127.0.0.1:3999';

describe('single sign-on against a real OpenID provider (oidc-provider on localhost)', () => {
  let provider: LocalOidcProvider;
  let test: TestApp;
  let environmentId: string;

  beforeAll(async () => {
    provider = await startOidcProvider(`${PUBLIC_URL}/auth/oidc/callback`);
    test = await startTestApp({
      PUBLIC_URL,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_ALLOWED_DOMAINS: 'example.com',
    });
    ({ environmentId } = await createEnvironmentWithKeys(test));
  });
  afterAll(async () => {
    await test.close();
    await provider.stop();
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const response = await request(test.app.getHttpServer()).get('/auth/oidc/login');
    expect(response.status).toBe(302);
    const url = new URL(response.headers.location);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth/oidc/callback`);
    const pending = (response.headers['set-cookie'] as unknown as string[]).find((line) =>
      line.startsWith('nps_oidc='),
    )!;
    expect(pending).toMatch(/HttpOnly/);
    expect(pending).toMatch(/Path=\/auth\/oidc/);
    // The verifier is not readable in the cookie (sealed with the service's key).
    expect(pending).not.toContain(url.searchParams.get('state')!);
    expect((await request(test.app.getHttpServer()).get('/auth/options')).body).toMatchObject({
      sso: true,
    });
  });

  it('an invited email signs in by SSO: session cookie, dashboard, the invitation accepted', async () => {
    const owner = await createMember(test, { owner: true });
    const ownerAgent = await signIn(test, owner.email);
    const email = uniqueEmail('sso');
    await gqlAs(
      ownerAgent,
      'mutation($e: String!, $env: ID) { inviteMember(email: $e, role: ARCHITECT, environmentId: $env) { id } }',
      {
        e: email,
        env: environmentId,
      },
    );
    const agent = request.agent(test.app.getHttpServer());
    const callback = await ssoThroughProvider(test, agent, email);
    expect(callback.status).toBe(302);
    expect(callback.headers.location).toBe(`${PUBLIC_URL}/`);
    expect(
      (callback.headers['set-cookie'] as unknown as string[]).some((line) =>
        line.startsWith('nps_session='),
      ),
    ).toBe(true);
    const viewer = await gqlAs<{ viewer: Record<string, unknown> }>(
      agent,
      '{ viewer { kind member { email name } environments { id role } } }',
    );
    expect(viewer.data!.viewer).toEqual({
      kind: 'member',
      member: { email, name: expect.stringMatching(/^Sso-/) },
      environments: [{ id: environmentId, role: 'ARCHITECT' }],
    });
  });

  it('without an invitation and without OIDC_DEFAULT_ROLE the email is refused, with the reason', async () => {
    const agent = request.agent(test.app.getHttpServer());
    const callback = await ssoThroughProvider(test, agent, uniqueEmail('stranger'));
    expect(callback.status).toBe(302);
    expect(decodeURIComponent(callback.headers.location)).toMatch(
      /#sign-in-error=.*has no account here/,
    );
    expect(callback.headers['set-cookie']?.toString() ?? '').not.toMatch(/nps_session=[\w-]/);
  });

  it('refuses a domain not in OIDC_ALLOWED_DOMAINS, even for an existing member', async () => {
    const member = await createMember(test, {
      email: uniqueEmail('m').replace('example.com', 'other.test'),
      roles: { [environmentId]: Role.ANALYST },
    });
    const agent = request.agent(test.app.getHttpServer());
    const callback = await ssoThroughProvider(test, agent, member.email);
    expect(decodeURIComponent(callback.headers.location)).toMatch(/domain is not allowed/);
  });

  it('refuses a callback whose state does not match the pending sign-in', async () => {
    const agent = request.agent(test.app.getHttpServer());
    await agent.get('/auth/oidc/login');
    const forged = await agent.get('/auth/oidc/callback?code=forged&state=not-the-state');
    expect(forged.status).toBe(302);
    expect(decodeURIComponent(forged.headers.location)).toMatch(
      /#sign-in-error=.*not accepted.*state/,
    );
    const noCookie = await request(test.app.getHttpServer()).get(
      '/auth/oidc/callback?code=x&state=y',
    );
    expect(decodeURIComponent(noCookie.headers.location)).toMatch(/started elsewhere/);
  });

  it('with OIDC_DEFAULT_ROLE a new email of an allowed domain gets that role in every environment', async () => {
    const withDefault = await startTestApp({
      PUBLIC_URL,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_ALLOWED_DOMAINS: 'example.com',
      OIDC_DEFAULT_ROLE: 'ANALYST',
    });
    try {
      const agent = request.agent(withDefault.app.getHttpServer());
      const callback = await ssoThroughProvider(withDefault, agent, uniqueEmail('newcomer'));
      expect(callback.headers.location).toBe(`${PUBLIC_URL}/`);
      const viewer = await gqlAs<{ viewer: { environments: Array<{ id: string; role: string }> } }>(
        agent,
        '{ viewer { environments { id role } } }',
      );
      expect(viewer.data!.viewer.environments).toContainEqual({
        id: environmentId,
        role: 'ANALYST',
      });
      expect(new Set(viewer.data!.viewer.environments.map((row) => row.role))).toEqual(
        new Set(['ANALYST']),
      );
    } finally {
      await withDefault.close();
    }
  });
});
