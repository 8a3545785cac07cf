import { Injectable } from '@nestjs/common';
import { CronTime } from 'cron';
import { CorrelationsService } from '../../analytics/correlations/correlations.service';
import { ResponsesService } from '../../analytics/responses/responses.service';
import { NpsSegment } from '../../analytics/shared/analytics.input';
import { SummaryService } from '../../analytics/summary/summary.service';
import type { AlertFigures, DigestComment } from '../events/alert-figures';
import { AlertEventsRepository, StoredAlertEvent } from '../events/alert-events.repository';
import type { AlertRuleEntity } from '../rules/alert-rule.entity';
import { AlertRulesRepository } from '../rules/alert-rules.repository';
import { alertsPrincipal } from './alerts-principal';

export const DEFAULT_DIGEST_SCHEDULE = '0 9 * * 1';
const DAY_MS = 86_400_000;

/** The first time after `after` that `schedule` names, in `timezone`. */
export function nextDigestTime(schedule: string, timezone: string, after: Date): Date {
  return new CronTime(schedule, timezone).getNextDateFrom(after, timezone).toJSDate();
}

/**
 * DIGEST: when a rule's next_digest_at has come, one digest of the 7 days before it (sent once,
 * keyed `digest:<time>`), and next_digest_at moves past now (missed ones are not sent late).
 */
@Injectable()
export class DigestRulesEvaluator {
  constructor(
    private readonly summary: SummaryService,
    private readonly correlations: CorrelationsService,
    private readonly responses: ResponsesService,
    private readonly rules: AlertRulesRepository,
    private readonly events: AlertEventsRepository,
  ) {}

  async evaluate(
    rules: readonly AlertRuleEntity[],
    timezone: string,
    at: Date,
  ): Promise<StoredAlertEvent[]> {
    const created: StoredAlertEvent[] = [];
    for (const rule of rules) {
      if (rule.kind !== 'DIGEST' || !rule.nextDigestAt || rule.nextDigestAt > at) continue;
      const due = rule.nextDigestAt;
      const figures = await this.figuresAt(rule, due);
      const next = nextDigestTime(rule.schedule ?? DEFAULT_DIGEST_SCHEDULE, timezone, at);
      created.push(
        ...(await this.events.transaction(async (manager) => {
          if (!(await this.rules.advanceDigest(manager, rule, due, next))) return [];
          return this.events.insertWithDeliveries(manager, rule.environmentId, rule.id, 'DIGEST', [
            { dedupeKey: `digest:${due.toISOString()}`, evaluatedAt: due, figures },
          ]);
        })),
      );
    }
    return created;
  }

  /** The digest at `at`: the last 7 days vs the 7 before, top promoter activities, comments. */
  async figuresAt(rule: AlertRuleEntity, at: Date): Promise<AlertFigures> {
    const principal = alertsPrincipal(rule.environmentId);
    const filter = rule.filter && rule.filter.length > 0 ? { conditions: rule.filter } : null;
    const from = new Date(at.getTime() - 7 * DAY_MS);
    const [summary, correlations, promoters, detractors] = await Promise.all([
      this.summary.summary(principal, rule.environmentId, {
        from,
        to: at,
        filter,
        compareToPrevious: true,
      }),
      this.correlations.correlations(principal, rule.environmentId, {
        from: new Date(at.getTime() - 90 * DAY_MS),
        to: at,
        filter,
      }),
      this.comments(rule, NpsSegment.PROMOTER, from, at),
      this.comments(rule, NpsSegment.DETRACTOR, from, at),
    ]);
    const window = (
      start: Date,
      end: Date,
      figures: Pick<
        typeof summary,
        'responses' | 'promoters' | 'passives' | 'detractors' | 'nps' | 'ciLow' | 'ciHigh'
      >,
    ) => ({
      from: start.toISOString(),
      to: end.toISOString(),
      responses: figures.responses,
      promoters: figures.promoters,
      passives: figures.passives,
      detractors: figures.detractors,
      nps: figures.nps,
      ciLow: figures.ciLow,
      ciHigh: figures.ciHigh,
    });
    const topActivities = correlations
      .filter(
        (row) =>
          row.promoterRateWith !== null &&
          row.promoterRateWithout !== null &&
          row.promoterRateWith > row.promoterRateWithout,
      )
      .sort(
        (a, b) =>
          b.promoterRateWith! -
          b.promoterRateWithout! -
          (a.promoterRateWith! - a.promoterRateWithout!),
      )
      .slice(0, 3)
      .map((row) => ({
        eventType: row.eventType,
        promoterRateWith: row.promoterRateWith,
        promoterRateWithout: row.promoterRateWithout,
        npsDifference: row.npsDifference,
      }));
    return {
      ruleName: rule.name,
      current: window(from, at, summary),
      baseline: summary.previous
        ? window(summary.previous.from, summary.previous.to, summary.previous)
        : undefined,
      change: summary.change ? { ...summary.change, confidence: 0.95 } : undefined,
      digest: { topActivities, promoterComments: promoters, detractorComments: detractors },
    };
  }

  /** Up to five recent comments of one segment in [from, to). */
  private async comments(
    rule: AlertRuleEntity,
    segment: NpsSegment,
    from: Date,
    to: Date,
  ): Promise<DigestComment[]> {
    const page = await this.responses.responses(
      alertsPrincipal(rule.environmentId),
      rule.environmentId,
      {
        from,
        to,
        segment,
        filter: rule.filter && rule.filter.length > 0 ? { conditions: rule.filter } : null,
        first: 50,
      },
    );
    return page.edges
      .map((edge) => edge.node)
      .filter((node) => node.isNps && node.comment && node.comment.trim() !== '')
      .slice(0, 5)
      .map((node) => ({
        score: node.score,
        comment: node.comment!,
        email: node.email,
        respondedAt: new Date(node.respondedAt).toISOString(),
      }));
  }
}
