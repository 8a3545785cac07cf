import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../common/app-error';
import {
  Principal,
  refuseEmbed,
  requireEnvironmentRole,
  requirePrincipal,
} from '../auth/principal';
import { Role } from '../auth/role';
import { crossesAnalyzeMark } from '../database/analyze-marks';
import {
  PlannerStatisticsRepository,
  TRACKED_TABLES,
} from '../database/planner-statistics.repository';
import { EnvironmentsRepository } from '../store/environments.repository';
import { EventsRepository } from '../store/events.repository';
import { UsersRepository } from '../store/users.repository';
import { parseTrackBody, parseUserPropertiesBody, readAppId } from './heap-payload.validator';

/** Heap-compatible writes of users, user properties and events. */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);

  constructor(
    private readonly environments: EnvironmentsRepository,
    private readonly events: EventsRepository,
    private readonly users: UsersRepository,
    private readonly statistics: PlannerStatisticsRepository,
  ) {}

  async track(principal: Principal | null, body: unknown) {
    const environmentId = await this.authorise(principal, body);
    const events = parseTrackBody(body as Record<string, unknown>);
    const { inserted, eventsBefore } = await this.events.insertTracked(
      environmentId,
      events,
      'api',
    );
    // As the environment grows, statistics taken while it was small would plan scans.
    if (crossesAnalyzeMark(eventsBefore, eventsBefore + inserted)) {
      // The events are stored: a failed refresh is logged, not answered.
      await this.statistics.analyze(TRACKED_TABLES).catch((error: unknown) => {
        this.logger.warn(`could not refresh statistics: ${String(error)}`);
      });
    }
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
