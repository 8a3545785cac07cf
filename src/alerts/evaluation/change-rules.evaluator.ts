import { Injectable } from '@nestjs/common';
import type { NpsFigures } from '../../analytics/math/nps-math';
import { SummaryService } from '../../analytics/summary/summary.service';
import type { UserPropertyCondition } from '../../store/user-filter.sql';
import type { AlertFigures, WindowFigures } from '../events/alert-figures';
import { AlertEventsRepository, StoredAlertEvent } from '../events/alert-events.repository';
import type { AlertRuleEntity } from '../rules/alert-rule.entity';
import { AlertRulesRepository } from '../rules/alert-rules.repository';
import { alertsPrincipal } from './alerts-principal';
import {
  ChangeRule,
  ChangeVerdict,
  Window,
  changeWindowsAt,
  judgeChange,
  nextState,
} from './change-condition';

/** A change rule as judged: its settings and filter (a saved rule or a preview's input). */
export type JudgedRule = ChangeRule & { filter: UserPropertyCondition[] | null; name: string };

export interface JudgedTime {
  at: Date;
  windows: { current: Window; baseline: Window };
  verdict: ChangeVerdict;
}

/**
 * Statements of one evaluation that run at once, one per filter: two use both cores of a small
 * server without taking the analytics slots dashboards need (past them, work is shed).
 */
const FILTERS_AT_ONCE = 2;

/**
 * NPS_DROP and NPS_RISE: the windows' counts from the summary service (one call per distinct
 * filter, two at a time, each distinct window of its rules and times once), judged by change-condition. Live evaluation and the
 * 90-day preview both go through `judgeAt`.
 */
@Injectable()
export class ChangeRulesEvaluator {
  constructor(
    private readonly summary: SummaryService,
    private readonly rules: AlertRulesRepository,
    private readonly events: AlertEventsRepository,
  ) {}

  /** For each rule, its verdict at each time (in order). */
  async judgeAt(
    environmentId: string,
    rules: readonly JudgedRule[],
    times: readonly Date[],
  ): Promise<JudgedTime[][]> {
    const principal = alertsPrincipal(environmentId);
    const byFilter = new Map<string, number[]>();
    rules.forEach((rule, index) => {
      const key = JSON.stringify(rule.filter ?? []);
      byFilter.set(key, [...(byFilter.get(key) ?? []), index]);
    });
    const result: JudgedTime[][] = rules.map(() => []);
    const judgeFilter = async (key: string, indexes: number[]) => {
      const conditions = JSON.parse(key) as UserPropertyCondition[];
      const plan = indexes.flatMap((index) =>
        times.map((at) => ({ index, at, windows: changeWindowsAt(rules[index], at) })),
      );
      // Rules of one filter share most windows (same days, same T): each is counted once.
      const distinct = new Map<string, Window>();
      const keyOf = (window: Window) => `${window.from.toISOString()}|${window.to.toISOString()}`;
      for (const item of plan)
        for (const window of [item.windows.current, item.windows.baseline])
          distinct.set(keyOf(window), window);
      const windows = [...distinct.values()];
      const counts = await this.summary.countsPerWindow(
        principal,
        environmentId,
        conditions.length > 0 ? { conditions } : null,
        windows,
      );
      const countsOf = new Map(
        windows.map((window, position) => [keyOf(window), counts[position]]),
      );
      for (const item of plan) {
        const verdict = judgeChange(
          rules[item.index],
          countsOf.get(keyOf(item.windows.current))!,
          countsOf.get(keyOf(item.windows.baseline))!,
        );
        result[item.index].push({ at: item.at, windows: item.windows, verdict });
      }
    };
    const groups = [...byFilter];
    let next = 0;
    const worker = async () => {
      while (next < groups.length) await judgeFilter(...groups[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(FILTERS_AT_ONCE, groups.length) }, worker));
    return result;
  }

  /** One live evaluation at `at`: fires the rules whose condition starts to hold, re-arms the rest. */
  async evaluate(
    environmentId: string,
    rules: readonly AlertRuleEntity[],
    at: Date,
  ): Promise<StoredAlertEvent[]> {
    const change = rules.filter(
      (rule): rule is AlertRuleEntity & JudgedRule =>
        rule.kind === 'NPS_DROP' || rule.kind === 'NPS_RISE',
    );
    if (change.length === 0) return [];
    const judged = await this.judgeAt(environmentId, change, [at]);
    const created: StoredAlertEvent[] = [];
    const untouched: string[] = [];
    for (const [index, rule] of change.entries()) {
      const [{ verdict, windows }] = judged[index];
      const next = nextState(rule.state, verdict.holds);
      if (next.fire) {
        const events = await this.events.transaction(async (manager) => {
          if (!(await this.rules.transition(manager, rule, 'ARMED', 'FIRING'))) return [];
          return this.events.insertWithDeliveries(manager, environmentId, rule.id, rule.kind, [
            {
              dedupeKey: `change:${at.toISOString()}`,
              evaluatedAt: at,
              figures: changeFigures(rule, windows, verdict),
            },
          ]);
        });
        created.push(...events);
      } else if (next.state !== rule.state) {
        await this.rules.transition(null, rule, rule.state, next.state);
      } else {
        untouched.push(rule.id);
      }
    }
    await this.rules.touch(environmentId, untouched);
    return created;
  }
}

function windowFigures(window: Window, figures: NpsFigures): WindowFigures {
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    responses: figures.responses,
    promoters: figures.promoters,
    passives: figures.passives,
    detractors: figures.detractors,
    nps: figures.nps,
    ciLow: figures.ciLow,
    ciHigh: figures.ciHigh,
  };
}

/** The figures an NPS_DROP or NPS_RISE event stores and sends. */
export function changeFigures(
  rule: JudgedRule,
  windows: { current: Window; baseline: Window },
  verdict: ChangeVerdict,
): AlertFigures {
  return {
    ruleName: rule.name,
    ...(rule.filter && rule.filter.length > 0 ? { filter: rule.filter } : {}),
    current: windowFigures(windows.current, verdict.current),
    baseline: windowFigures(windows.baseline, verdict.baseline),
    change: {
      difference: verdict.change.difference,
      ciLow: verdict.change.ciLow,
      ciHigh: verdict.change.ciHigh,
      significant: verdict.change.significant,
      confidence: rule.confidence,
    },
  };
}
