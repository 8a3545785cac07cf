import { Inject, Injectable } from '@nestjs/common';
import { Principal, requireEnvironmentRole } from '../../auth/principal';
import { Role } from '../../auth/role';
import { Connection, toConnection } from '../../common/connection.model';
import { decodeCursor, encodeCursor, pageSize } from '../../common/cursor';
import { AppConfig } from '../../config/app-config';
import { dashboardUrl } from '../destinations/alert-message';
import { originOf } from '../destinations/destination-url';
import { AlertKindValue, DestinationKindValue } from '../rules/alert-rule.input';
import { parseId } from '../rules/alert-rules.service';
import type { WindowFigures } from './alert-figures';
import { AlertEventModel, AlertWindowFiguresModel, DeliveryStatusValue } from './alert-event.model';
import { AlertEventsRepository, StoredAlertEvent, StoredDelivery } from './alert-events.repository';

/** The event history (Environment.alertEvents) and the events evaluateAlerts returns. */
@Injectable()
export class AlertEventsService {
  constructor(
    private readonly events: AlertEventsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async list(
    principal: Principal | null,
    environmentId: string,
    args: { first?: number | null; after?: string | null; ruleId?: string | null },
  ): Promise<Connection<AlertEventModel>> {
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    const limit = pageSize(args.first, 20, this.config.graphqlMaxPageSize);
    const cursor = args.after ? decodeCursor('alertEvent', args.after, ['time', 'id']) : null;
    const ruleId = args.ruleId ? parseId(args.ruleId) : null;
    const [rows, total] = await Promise.all([
      this.events.list(
        environmentId,
        ruleId,
        cursor ? { firedAt: cursor[0], id: cursor[1] } : null,
        limit + 1,
      ),
      this.events.count(environmentId, ruleId),
    ]);
    const models = await this.toModels(environmentId, rows.slice(0, limit));
    const byId = new Map(models.map((model) => [model.id, model]));
    return toConnection(
      rows,
      limit,
      total,
      (row) => encodeCursor('alertEvent', [new Date(row.firedAt).toISOString(), row.id]),
      (row) => byId.get(row.id)!,
    );
  }

  /** Events as the API shows them, with their deliveries. */
  async toModels(environmentId: string, rows: StoredAlertEvent[]): Promise<AlertEventModel[]> {
    const deliveries = await this.events.deliveriesOf(
      environmentId,
      rows.map((row) => row.id),
    );
    return rows.map((row) => {
      const figures = row.figures;
      const base = {
        eventId: row.id,
        environmentId: row.environmentId,
        ruleId: row.ruleId,
        kind: row.kind,
        firedAt: new Date(row.firedAt),
        figures,
      };
      return {
        id: row.id,
        ruleId: row.ruleId,
        ruleName: figures.ruleName,
        kind: row.kind as AlertKindValue,
        firedAt: new Date(row.firedAt),
        evaluatedAt: new Date(row.evaluatedAt),
        current: windowModel(figures.current),
        baseline: windowModel(figures.baseline),
        change: figures.change ?? null,
        response: figures.response
          ? { ...figures.response, respondedAt: new Date(figures.response.respondedAt) }
          : null,
        digest: figures.digest
          ? {
              topActivities: figures.digest.topActivities,
              promoterComments: figures.digest.promoterComments.map(withDate),
              detractorComments: figures.digest.detractorComments.map(withDate),
            }
          : null,
        dashboardUrl: dashboardUrl(this.config.publicUrl, base),
        deliveries: deliveries.filter((delivery) => delivery.eventId === row.id).map(deliveryModel),
      };
    });
  }
}

function withDate<T extends { respondedAt: string }>(item: T) {
  return { ...item, respondedAt: new Date(item.respondedAt) };
}

export function windowModel(window: WindowFigures | undefined): AlertWindowFiguresModel | null {
  return window ? { ...window, from: new Date(window.from), to: new Date(window.to) } : null;
}

function deliveryModel(delivery: StoredDelivery) {
  return {
    destinationId: delivery.destinationId,
    kind: delivery.kind as DestinationKindValue,
    destination:
      delivery.kind === 'EMAIL' ? (delivery.emailTo ?? '') : originOf(delivery.url ?? ''),
    status: delivery.status as DeliveryStatusValue,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    deliveredAt: delivery.deliveredAt,
    nextAttemptAt: delivery.status === 'PENDING' ? delivery.nextAttemptAt : null,
  };
}
