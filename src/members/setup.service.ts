import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { memberLink } from './member-links';
import { MemberEntity } from './member.entity';
import { MemberTokensRepository } from './member-tokens.repository';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';
import { generateToken, hashToken } from './one-time-token';

export const SETUP_LINK_MS = 24 * 60 * 60 * 1000;

/** First run: with no member at all, a one-time link (24 h) creates the owner. */
@Injectable()
export class SetupService {
  constructor(
    private readonly tokens: MemberTokensRepository,
    private readonly members: MembersRepository,
    private readonly accounts: MembersService,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** A new setup link when there is no member yet; null once there is one. */
  async linkIfNoMember(): Promise<{ url: string; expiresAt: Date } | null> {
    if ((await this.members.count()) > 0) return null;
    const token = generateToken();
    const expiresAt = new Date(Date.now() + SETUP_LINK_MS);
    await this.tokens.insert({
      purpose: 'setup',
      memberId: null,
      tokenHash: hashToken(token),
      expiresAt,
    });
    return { url: memberLink(this.config.publicUrl, 'setup', token), expiresAt };
  }

  /** Creates the owner, once: a link is refused as soon as any member exists. */
  async complete(input: {
    token: unknown;
    email: unknown;
    name: unknown;
    password: unknown;
  }): Promise<MemberEntity> {
    if (typeof input.token !== 'string' || input.token.length === 0)
      throw AppError.badInput('token must be the token of the setup link.', 'token');
    const found = await this.tokens.findByTokenHash(hashToken(input.token));
    if (!found || found.purpose !== 'setup')
      throw AppError.notFound('This setup link is not valid.');
    if (found.usedAt) throw new AppError('GONE', 'This setup link has already been used.');
    if (found.expiresAt.getTime() <= Date.now())
      throw new AppError('GONE', 'This setup link has expired; restart the service for a new one.');
    const owner = await this.members.exclusive(async (manager) => {
      if ((await this.members.count(manager)) > 0)
        throw new AppError('GONE', 'The service already has an owner; sign in instead.');
      if (!(await this.tokens.consume(found.id, manager)))
        throw new AppError('GONE', 'This setup link has already been used.');
      return this.accounts.create(
        {
          email: String(input.email ?? ''),
          name: String(input.name ?? ''),
          password: typeof input.password === 'string' ? input.password : '',
          owner: true,
        },
        manager,
      );
    });
    await this.audit.record({
      actor: { kind: 'member', id: owner.id, label: owner.email },
      action: 'auth.setup',
      target: `member:${owner.id}`,
      details: { email: owner.email },
    });
    return owner;
  }
}
