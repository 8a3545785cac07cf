import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import {
  Principal,
  refuseEmbed,
  requireEnvironmentRole,
  requirePrincipal,
} from '../auth/principal';
import { Role } from '../auth/role';
import { EnvironmentsRepository } from '../environments/environments.repository';
import { EventsRepository } from '../events/events.repository';
import { UsersRepository } from '../users/users.repository';
import { parseTrackBody, parseUserPropertiesBody, readAppId } from './heap-payload.validator';

/** Heap-compatible writes of users, user properties and events. */
@Injectable()
export class IngestionService {
  constructor(
    private readonly environments: EnvironmentsRepository,
    private readonly events: EventsRepository,
    private readonly users: UsersRepository,
  ) {}

  async track(principal: Principal | null, body: unknown) {
    const environmentId = await this.authorise(principal, body);
    const events = parseTrackBody(body as Record<string, unknown>);
    const inserted = await this.events.insertTracked(environmentId, events, 'api');
    return { accepted: events.length, inserted, duplicates: events.length - inserted };
  }

  async addUserProperties(principal: Principal | null, body: unknown) {
    const environmentId = await this.authorise(principal, body);
    const users = parseUserPropertiesBody(body as Record<string, unknown>);
    const { created, updated } = await this.users.upsertProperties(environmentId, users);
    return { accepted: users.length, created, updated };
  }

  /** 401 without a key, 400 without app_id, 403 for another environment, 404 for none. */
  private async authorise(principal: Principal | null, body: unknown): Promise<string> {
    const caller = requirePrincipal(principal);
    refuseEmbed(caller, 'write user data');
    const environmentId = readAppId(body);
    requireEnvironmentRole(caller, environmentId, Role.INGEST);
    if (!(await this.environments.findById(environmentId))) {
      throw AppError.notFound(`Environment ${environmentId} (app_id) does not exist.`);
    }
    return environmentId;
  }
}
