import { Inject } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import {
  Principal,
  refuseEmbed,
  requireEnvironmentRole,
  requireGlobalAdmin,
} from '../auth/principal';
import { Role } from '../auth/role';
import { AppError } from '../common/app-error';
import { connectionComplexity, toConnection } from '../common/connection.model';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { parseEnvironmentId } from '../common/environment-id';
import { AppConfig } from '../config/app-config';
import { AuditEntryConnection, AuditEntryModel } from './audit-entry.model';
import { AuditEntryEntity } from '../audit/audit-entry.entity';

const CURSOR_TAG = 'audit';

function toModel(row: AuditEntryEntity): AuditEntryModel {
  return {
    id: row.id,
    at: row.at,
    actor: { kind: row.actorKind, id: row.actorId, label: row.actorLabel },
    action: row.action,
    target: row.target,
    environmentId: row.environmentId,
    details: row.details,
    ip: row.ip,
  };
}

@Resolver(() => AuditEntryModel)
export class AuditLogResolver {
  constructor(
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Query(() => AuditEntryConnection, {
    complexity: connectionComplexity,
    description:
      "ADMIN. Newest first. With environmentId: that environment's entries (its ADMIN); without: every entry, global ones included (an owner or global ADMIN key).",
  })
  async auditLog(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID, nullable: true }) environmentId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('action', { type: () => String, nullable: true }) action?: string | null,
  ): Promise<AuditEntryConnection> {
    refuseEmbed(principal, 'read the audit log');
    let scope: string | undefined;
    if (environmentId === null || environmentId === undefined) requireGlobalAdmin(principal);
    else {
      scope = parseEnvironmentId(environmentId, 'environmentId');
      requireEnvironmentRole(principal, scope, Role.ADMIN);
    }
    const limit = first ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > this.config.graphqlMaxPageSize)
      throw AppError.badInput(
        `first must be from 1 to ${this.config.graphqlMaxPageSize} (GRAPHQL_MAX_PAGE_SIZE).`,
        'first',
      );
    if (action !== null && action !== undefined && !/^[a-z_]+\.[a-z_]+$/.test(action))
      throw AppError.badInput('action must be an action name such as "member.invite".', 'action');
    const beforeId = after ? decodeCursor(CURSOR_TAG, after, ['id'])[0] : undefined;
    const { rows, total } = await this.audit.page({
      environmentId: scope,
      action: action ?? undefined,
      beforeId,
      limit: limit + 1,
    });
    return toConnection(
      rows,
      limit,
      total,
      (row) => encodeCursor(CURSOR_TAG, [row.id]),
      toModel,
    ) as AuditEntryConnection;
  }
}
