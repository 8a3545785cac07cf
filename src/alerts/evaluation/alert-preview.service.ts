import { Injectable } from '@nestjs/common';
import { Principal, requireEnvironmentRole } from '../../auth/principal';
import { Role } from '../../auth/role';
import { AppError } from '../../common/app-error';
import { ResponsesService } from '../../analytics/responses/responses.service';
import { NpsSegment } from '../../analytics/shared/analytics.input';
import { EnvironmentsRepository } from '../../store/environments.repository';
import { windowModel } from '../events/alert-events.service';
import type { AlertPreviewModel } from '../events/alert-event.model';
import type { AlertRuleInput } from '../rules/alert-rule.input';
import { AlertRulesService } from '../rules/alert-rules.service';
import { alertsPrincipal } from './alerts-principal';
import { nextState } from './change-condition';
import { ChangeRulesEvaluator, changeFigures } from './change-rules.evaluator';
import { DEFAULT_DIGEST_SCHEDULE, nextDigestTime } from './digest-rules.evaluator';

const DAY_MS = 86_400_000;
export const PREVIEW_DAYS = 90;

/**
 * What a rule would have fired over the last 90 days: NPS_DROP and NPS_RISE are judged at one
 * time a day by the very code of live evaluation (ChangeRulesEvaluator.judgeAt, nextState),
 * starting ARMED; DETRACTOR_RESPONSE counts the detractor responses; DIGEST its schedule's times.
 */
@Injectable()
export class AlertPreviewService {
  constructor(
    private readonly rules: AlertRulesService,
    private readonly change: ChangeRulesEvaluator,
    private readonly responses: ResponsesService,
    private readonly environments: EnvironmentsRepository,
  ) {}

  async preview(
    principal: Principal | null,
    environmentId: string,
    input: AlertRuleInput,
    now: Date = new Date(),
  ): Promise<AlertPreviewModel> {
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    const environment = await this.environments.findById(environmentId);
    if (!environment) throw AppError.notFound(`Environment ${environmentId} does not exist.`);
    const { fields } = this.rules.check(input, false);
    const from = new Date(now.getTime() - PREVIEW_DAYS * DAY_MS);
    const times = Array.from(
      { length: PREVIEW_DAYS },
      (_, index) => new Date(now.getTime() - (PREVIEW_DAYS - 1 - index) * DAY_MS),
    );
    const base = { from, to: now, evaluations: times.length, firings: [], alerts: 0 };
    if (fields.kind === 'NPS_DROP' || fields.kind === 'NPS_RISE') {
      const rule = { ...fields, kind: fields.kind };
      const [judged] = await this.change.judgeAt(environmentId, [rule], times);
      let state: 'ARMED' | 'FIRING' = 'ARMED';
      const firings = [];
      for (const item of judged) {
        const next = nextState(state, item.verdict.holds);
        state = next.state;
        if (!next.fire) continue;
        const figures = changeFigures(rule, item.windows, item.verdict);
        firings.push({
          at: item.at,
          current: windowModel(figures.current)!,
          baseline: windowModel(figures.baseline)!,
          change: figures.change!,
        });
      }
      return { ...base, firings, alerts: firings.length };
    }
    if (fields.kind === 'DIGEST') {
      let count = 0;
      let at = from;
      const schedule = fields.schedule ?? DEFAULT_DIGEST_SCHEDULE;
      while ((at = nextDigestTime(schedule, environment.timezone, at)) <= now && count < 10_000)
        count += 1;
      return { ...base, alerts: count };
    }
    return { ...base, alerts: await this.detractorCount(environmentId, fields, from, now) };
  }

  /** Detractor responses of the window over the rule's filter (those with a comment if required). */
  private async detractorCount(
    environmentId: string,
    fields: ReturnType<AlertRulesService['check']>['fields'],
    from: Date,
    to: Date,
  ): Promise<number> {
    const filter = fields.filter ? { conditions: fields.filter } : null;
    const principal = alertsPrincipal(environmentId);
    const args = { from, to, segment: NpsSegment.DETRACTOR, filter };
    if (!fields.commentRequired)
      return (await this.responses.responses(principal, environmentId, { ...args, first: 1 }))
        .totalCount;
    let count = 0;
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result = await this.responses.responses(principal, environmentId, {
        ...args,
        first: 500,
        after,
      });
      count += result.edges.filter((edge) => edge.node.isNps && edge.node.comment?.trim()).length;
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    return count;
  }
}
