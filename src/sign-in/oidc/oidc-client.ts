import { BaseClient, Issuer, custom, generators } from 'openid-client';
import type { OidcSettings } from '../../config/sign-in-settings';

/** What the sign-in needs to keep between leaving for the provider and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface ProviderIdentity {
  subject: string;
  email: string;
  emailVerified: boolean | undefined;
  name: string | null;
}

custom.setHttpOptionsDefaults({ timeout: 10_000 });

/**
 * The OpenID Connect relying party (openid-client 5): authorization code flow with PKCE (S256),
 * state and nonce. The provider's metadata is discovered once and kept; a failed discovery is
 * retried on the next sign-in.
 */
export class OidcClient {
  private client: Promise<BaseClient> | null = null;

  constructor(
    private readonly settings: OidcSettings,
    private readonly redirectUri: string,
  ) {}

  private discovered(): Promise<BaseClient> {
    this.client ??= Issuer.discover(this.settings.issuerUrl)
      .then(
        (issuer) =>
          new issuer.Client({
            client_id: this.settings.clientId,
            client_secret: this.settings.clientSecret,
            redirect_uris: [this.redirectUri],
            response_types: ['code'],
          }),
      )
      .catch((error: unknown) => {
        this.client = null;
        throw error;
      });
    return this.client;
  }

  /** Where to send the browser, and what to remember until it comes back. */
  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const client = await this.discovered();
    const pending = {
      state: generators.state(),
      nonce: generators.nonce(),
      codeVerifier: generators.codeVerifier(),
    };
    const url = client.authorizationUrl({
      scope: 'openid email profile',
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * Redeems the code of the callback (query string `query`): checks state, nonce, the ID token's
   * signature, issuer and audience, and the PKCE verifier (at the provider). Claims missing from
   * the ID token (email, name) are read from the userinfo endpoint.
   */
  async finish(query: string, pending: PendingSignIn): Promise<ProviderIdentity> {
    const client = await this.discovered();
    const params = client.callbackParams(`${this.redirectUri}?${query}`);
    const tokens = await client.callback(this.redirectUri, params, {
      state: pending.state,
      nonce: pending.nonce,
      code_verifier: pending.codeVerifier,
    });
    let claims: Record<string, unknown> = tokens.claims();
    if (typeof claims.email !== 'string' && tokens.access_token) {
      const info = await client.userinfo(tokens);
      if (info.sub === claims.sub) claims = { ...info, ...claims };
    }
    if (typeof claims.email !== 'string')
      throw new Error('The provider did not give an email address (scope email).');
    return {
      subject: String(claims.sub),
      email: claims.email,
      emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : undefined,
      name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : null,
    };
  }
}
