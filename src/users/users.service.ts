import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Principal, refuseEmbed, requireEnvironmentRole } from '../auth/principal';
import { Role } from '../auth/role';
import { Connection, toConnection } from '../common/connection.model';
import { decodeCursor, encodeCursor, pageSize } from '../common/cursor';
import { EventModel } from './event.model';
import { EventsRepository } from '../store/events.repository';
import { UserModel } from './user.model';
import { PropertyEqualsInput, UserFilter } from '../graphql/user-filter.input';
import { validateUserFilter } from '../store/user-filter.sql';
import { UserRow, UsersRepository } from '../store/users.repository';

const DEFAULT_PAGE = 50;

function toUserModel(environmentId: string, row: UserRow): UserModel {
  return { ...row, environmentId };
}

/** Reads of users and their events for GraphQL, with access checks and keyset pagination. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly events: EventsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async list(
    principal: Principal | null,
    environmentId: string,
    args: {
      first?: number | null;
      after?: string | null;
      propertyEquals?: PropertyEqualsInput[] | null;
      filter?: UserFilter | null;
    },
  ): Promise<Connection<UserModel>> {
    refuseEmbed(principal, 'list users');
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    const limit = pageSize(args.first, DEFAULT_PAGE, this.config.graphqlMaxPageSize);
    const afterId = args.after ? decodeCursor('user', args.after, ['id'])[0] : null;
    const conditions = [
      ...(args.propertyEquals ?? []).map((condition) => ({
        property: condition.property,
        equals: condition.value,
      })),
      ...validateUserFilter(args.filter),
    ];
    validateUserFilter({ conditions }, 'propertyEquals');
    const [rows, totalCount] = await Promise.all([
      this.users.listPage(environmentId, conditions, afterId, limit + 1),
      this.users.count(environmentId, conditions),
    ]);
    return toConnection(
      rows,
      limit,
      totalCount,
      (row) => encodeCursor('user', [row.id]),
      (row) => toUserModel(environmentId, row),
    );
  }

  async findByIdentity(
    principal: Principal | null,
    environmentId: string,
    identity: string,
  ): Promise<UserModel | null> {
    refuseEmbed(principal, 'look up users');
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    const row = await this.users.findByIdentity(environmentId, identity);
    return row ? toUserModel(environmentId, row) : null;
  }

  async listEvents(
    principal: Principal | null,
    user: UserModel,
    args: { first?: number | null; after?: string | null },
  ): Promise<Connection<EventModel>> {
    refuseEmbed(principal, "read users' events");
    requireEnvironmentRole(principal, user.environmentId, Role.ANALYST);
    const limit = pageSize(args.first, DEFAULT_PAGE, this.config.graphqlMaxPageSize);
    const after = args.after ? decodeCursor('event', args.after, ['time', 'id']) : null;
    const [rows, totalCount] = await Promise.all([
      this.events.listForUser(
        user.environmentId,
        user.id,
        after ? { time: after[0], id: after[1] } : null,
        limit + 1,
      ),
      this.events.countForUser(user.environmentId, user.id),
    ]);
    return toConnection(
      rows,
      limit,
      totalCount,
      (row) => encodeCursor('event', [row.time.toISOString(), row.id]),
      (row) => row,
    );
  }
}
