import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/app-error';
import { AppConfig } from '../../config/app-config';
import { SecretBox } from '../../crypto/secret-box';
import { InvitationsService } from '../../members/invitations.service';
import { MemberEntity } from '../../members/member.entity';
import { MembersService } from '../../members/members.service';
import { EnvironmentsRepository } from '../../store/environments.repository';
import { Role } from '../../auth/role';
import { OidcClient, PendingSignIn, ProviderIdentity } from './oidc-client';

/** A sign-in by SSO that is refused; the message is shown on the sign-in page. */
export class SsoRefusal extends Error {}

const PENDING_MS = 10 * 60 * 1000;

/**
 * SSO with OpenID Connect. The pending sign-in (state, nonce, PKCE verifier) travels in an
 * encrypted HttpOnly cookie scoped to /auth/oidc, so any instance can finish it.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly client: OidcClient | null;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly box: SecretBox,
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
    private readonly environments: EnvironmentsRepository,
    private readonly audit: AuditService,
  ) {
    const settings = config.signIn.oidc;
    this.client = settings
      ? new OidcClient(settings, `${config.publicUrl}/auth/oidc/callback`)
      : null;
  }

  private get ready(): OidcClient {
    if (!this.client)
      throw AppError.notFound('Single sign-on is not configured (OIDC_ISSUER_URL is not set).');
    return this.client;
  }

  /** The provider's authorization URL and the sealed pending sign-in for the cookie. */
  async start(): Promise<{ url: string; sealed: string }> {
    const { url, pending } = await this.ready.start();
    const sealed = this.box.encrypt(JSON.stringify({ ...pending, until: Date.now() + PENDING_MS }));
    return { url, sealed };
  }

  /** The member the provider vouches for (found, created from invitations or the default role). */
  async finish(query: string, sealed: string | null): Promise<MemberEntity> {
    const client = this.ready;
    const pending = this.unseal(sealed);
    let identity: ProviderIdentity;
    try {
      identity = await client.finish(query, pending);
    } catch (error) {
      this.logger.warn(`SSO callback refused: ${(error as Error).message}`);
      throw new SsoRefusal(
        `The identity provider's answer was not accepted (${(error as Error).message}).`,
      );
    }
    const member = await this.memberFor(identity).catch(async (error: unknown) => {
      await this.audit.record({
        actor: { kind: 'anonymous', id: null, label: identity.email },
        action: 'auth.sso_refused',
        target: `email:${identity.email.toLowerCase()}`,
        details: { reason: (error as Error).message },
      });
      throw error;
    });
    await this.audit.record({
      actor: { kind: 'member', id: member.id, label: member.email },
      action: 'auth.login',
      target: `member:${member.id}`,
      details: { method: 'sso', subject: identity.subject },
    });
    return member;
  }

  private unseal(sealed: string | null): PendingSignIn {
    try {
      if (!sealed) throw new Error('missing');
      const pending = JSON.parse(this.box.decrypt(sealed)) as PendingSignIn & { until: number };
      if (pending.until < Date.now()) throw new Error('expired');
      return pending;
    } catch {
      throw new SsoRefusal('The single sign-on took too long or was started elsewhere; try again.');
    }
  }

  private async memberFor(identity: ProviderIdentity): Promise<MemberEntity> {
    const settings = this.config.signIn.oidc!;
    const email = identity.email.trim();
    if (identity.emailVerified === false)
      throw new SsoRefusal(`The identity provider has not verified ${email}.`);
    const domain = email.split('@').pop()!.toLowerCase();
    if (settings.allowedDomains.length > 0 && !settings.allowedDomains.includes(domain))
      throw new SsoRefusal(`${email} may not sign in here: its domain is not allowed.`);
    let member = await this.members.findByEmail(email);
    if (!member) {
      const invited = await this.invitations.hasOpenInvitation(email);
      if (!invited && settings.defaultRole === null)
        throw new SsoRefusal(`${email} has no account here; ask an admin to invite you.`);
      const roles: Record<string, Role> = {};
      if (!invited && settings.defaultRole !== null)
        for (const environment of await this.environments.list())
          roles[environment.id] = settings.defaultRole as Role;
      member = await this.members.create({
        email,
        name: identity.name ?? email.split('@')[0],
        password: null,
        owner: false,
        roles,
      });
      await this.audit.record({
        actor: { kind: 'member', id: member.id, label: member.email },
        action: 'member.create',
        target: `member:${member.id}`,
        details: { via: 'sso', roles },
      });
    }
    await this.invitations.acceptAllFor(member);
    return member;
  }
}
