import { Inject, Injectable } from '@nestjs/common';
import { Principal, auditActor, refuseEmbed } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { Role } from '../auth/role';
import { AppError } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { EnvironmentsService } from '../environments/environments.service';
import type { UserFilter } from '../graphql/user-filter.input';
import { validateUserFilter } from '../store/user-filter.sql';
import { EmbedSecret } from '../crypto/embed-secret';
import {
  EmbedTokenError,
  signEmbedToken,
  verifyEmbedToken,
  type EmbedClaims,
} from '../auth/embed-token';
import { EmbedLinkModel, EmbedView } from './embed.model';

/** Signed, expiring links to one read-only dashboard view with locked filters. */
@Injectable()
export class EmbedService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly secret: EmbedSecret,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async createLink(
    principal: Principal | null,
    input: {
      environmentId: string;
      view: EmbedView;
      filter?: UserFilter | null;
      expiresInMinutes?: number | null;
    },
  ): Promise<EmbedLinkModel> {
    refuseEmbed(principal, 'create embed links');
    const environment = await this.environments.get(principal, input.environmentId, Role.ARCHITECT);
    if (!Object.values(EmbedView).includes(input.view)) {
      throw AppError.badInput(
        `view must be one of ${Object.values(EmbedView).join(', ')}.`,
        'view',
      );
    }
    const minutes = input.expiresInMinutes ?? this.config.embedDefaultMinutes;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > this.config.embedMaxMinutes) {
      throw AppError.badInput(
        `expiresInMinutes must be a whole number from 1 to ${this.config.embedMaxMinutes}.`,
        'expiresInMinutes',
      );
    }
    const conditions = validateUserFilter(input.filter).map((condition) => ({
      property: condition.property,
      ...(condition.equals != null ? { equals: condition.equals } : {}),
      ...(condition.in != null ? { in: condition.in } : {}),
      ...(condition.exists != null ? { exists: condition.exists } : {}),
    }));
    const expiresAt = new Date(Date.now() + minutes * 60_000);
    const token = signEmbedToken(
      {
        env: environment.id,
        view: input.view,
        filter: conditions,
        exp: Math.floor(expiresAt.getTime() / 1000),
      },
      this.secret.value,
    );
    await this.audit.record({
      actor: auditActor(principal),
      action: 'embed_link.create',
      target: `environment:${environment.id}`,
      environmentId: environment.id,
      details: { view: input.view, filter: conditions, expiresAt: expiresAt.toISOString() },
    });
    // PUBLIC_URL only: Host and X-Forwarded-Proto are the caller's to choose.
    return { url: `${this.config.publicUrl}/embed?token=${token}`, token, expiresAt };
  }

  /** The claims of a link, or why it is refused. */
  check(token: string | undefined): { claims: EmbedClaims } | { problem: string; message: string } {
    if (!token)
      return { problem: 'missing', message: 'This page needs an embed link with a token.' };
    try {
      return { claims: verifyEmbedToken(token, this.secret.value) };
    } catch (error) {
      if (error instanceof EmbedTokenError)
        return { problem: error.problem, message: error.message };
      throw error;
    }
  }
}
