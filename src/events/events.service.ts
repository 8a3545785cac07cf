import { Injectable } from '@nestjs/common';
import { Principal, requireEnvironmentRole } from '../auth/principal';
import { Role } from '../auth/role';
import { EventTypeRow, EventsRepository } from './events.repository';

@Injectable()
export class EventsService {
  constructor(private readonly events: EventsRepository) {}

  listTypes(principal: Principal | null, environmentId: string): Promise<EventTypeRow[]> {
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    return this.events.listTypes(environmentId);
  }
}
