/**
 * NPS_DROP and NPS_RISE as pure functions: the two windows of an evaluation time, whether the
 * condition holds on their counts, and the fire-once state machine. The figures are those of
 * docs/nps-method.md (npsFromCounts, npsDifference at the rule's confidence).
 */
import {
  NpsCounts,
  NpsDifference,
  NpsFigures,
  npsDifference,
  npsFromCounts,
  zForConfidence,
} from '../../analytics/math/nps-math';
import type { AlertState } from '../rules/alert-rule.entity';

export interface ChangeRule {
  kind: 'NPS_DROP' | 'NPS_RISE';
  windowDays: number;
  baselineDays: number;
  minResponses: number;
  minChangePoints: number;
  confidence: number;
}

export interface Window {
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;

/** current = [T − windowDays, T), baseline = [T − windowDays − baselineDays, T − windowDays). */
export function changeWindowsAt(
  rule: Pick<ChangeRule, 'windowDays' | 'baselineDays'>,
  at: Date,
): { current: Window; baseline: Window } {
  const split = new Date(at.getTime() - rule.windowDays * DAY_MS);
  const start = new Date(split.getTime() - rule.baselineDays * DAY_MS);
  return { current: { from: split, to: at }, baseline: { from: start, to: split } };
}

export interface ChangeVerdict {
  holds: boolean;
  current: NpsFigures;
  baseline: NpsFigures;
  change: NpsDifference;
}

/**
 * NPS_DROP holds when both windows hold ≥ minResponses, Δ = NPS_current − NPS_baseline ≤
 * −minChangePoints, and the upper end of Δ's interval at `confidence` is below 0. NPS_RISE is the
 * mirror image: Δ ≥ minChangePoints and the lower end above 0.
 */
export function judgeChange(
  rule: ChangeRule,
  current: NpsCounts,
  baseline: NpsCounts,
): ChangeVerdict {
  const currentFigures = npsFromCounts(current);
  const baselineFigures = npsFromCounts(baseline);
  const change = npsDifference(current, baseline, zForConfidence(rule.confidence));
  const enough =
    currentFigures.responses >= rule.minResponses && baselineFigures.responses >= rule.minResponses;
  let holds = false;
  if (enough && change.difference !== null && change.ciLow !== null && change.ciHigh !== null) {
    holds =
      rule.kind === 'NPS_DROP'
        ? change.difference <= -rule.minChangePoints && change.ciHigh < 0
        : change.difference >= rule.minChangePoints && change.ciLow > 0;
  }
  return { holds, current: currentFigures, baseline: baselineFigures, change };
}

/**
 * One evaluation of the fire-once rule: an ARMED rule whose condition holds fires and becomes
 * FIRING; a FIRING rule stays silent while it holds; any evaluation where it does not hold re-arms.
 */
export function nextState(state: AlertState, holds: boolean): { state: AlertState; fire: boolean } {
  if (!holds) return { state: 'ARMED', fire: false };
  return state === 'ARMED' ? { state: 'FIRING', fire: true } : { state: 'FIRING', fire: false };
}
