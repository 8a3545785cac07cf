import { Injectable } from '@nestjs/common';
import { Principal, effectiveConditions, requireEnvironmentRole } from '../auth/principal';
import { Role } from '../auth/role';
import { EventTypeRow, EventsRepository } from '../store/events.repository';

@Injectable()
export class EventsService {
  constructor(private readonly events: EventsRepository) {}

  /** Event names with counts; an embed link's locked filter keeps only its users' events. */
  listTypes(principal: Principal | null, environmentId: string): Promise<EventTypeRow[]> {
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    const conditions = effectiveConditions(principal, []);
    return conditions.length > 0
      ? this.events.listTypesOfUsers(environmentId, conditions)
      : this.events.listTypes(environmentId);
  }
}
