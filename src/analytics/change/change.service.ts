import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/app-error';
import type { UserFilter } from '../../graphql/user-filter.input';
import {
  DEFAULT_ENGAGEMENT_THRESHOLDS,
  tierLabel,
  validateThresholds,
} from '../math/engagement-tiers';
import { type SegmentPeriodCounts, decomposeNpsChange } from '../math/nps-change';
import { npsDifference } from '../math/nps-math';
import { checkDays, checkRange } from '../shared/analytics-arguments';
import { Dedupe } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
import { npsFigures } from '../shared/nps-figures';
import { addCounts, emptyCounts, type CategoryCounts } from '../sql/category-counts';
import type { TimeWindow } from '../sql/slots';
import type { BreakdownInput } from './change.input';
import { NO_VALUE } from './change.sql';
import type { NpsChangeExplanationModel } from './change.model';
import { ChangeRepository, type SegmentRow } from './change.repository';

export interface NpsChangeArgs {
  from: Date;
  to: Date;
  previousFrom?: Date | null;
  previousTo?: Date | null;
  by: BreakdownInput;
  filter?: UserFilter | null;
  dedupe?: Dedupe | null;
}

/** The previous period: as given, else the same length immediately before `from`. */
export function previousPeriod(args: NpsChangeArgs): TimeWindow {
  const length = args.to.getTime() - args.from.getTime();
  const to =
    args.previousTo ??
    (args.previousFrom ? new Date(args.previousFrom.getTime() + length) : args.from);
  const from = args.previousFrom ?? new Date(to.getTime() - length);
  return { from, to };
}

/**
 * npsChange (docs/nps-method.md, "Why NPS moved"): counts per period and segment in PostgreSQL,
 * the mix/rate decomposition and intervals in pure maths.
 */
@Injectable()
export class ChangeService {
  constructor(private readonly repository: ChangeRepository) {}

  async npsChange(
    principal: Principal | null,
    environmentId: string,
    args: NpsChangeArgs,
  ): Promise<NpsChangeExplanationModel> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    checkRange(args.from, args.to);
    const previous = previousPeriod(args);
    checkRange(previous.from, previous.to, ['previousFrom', 'previousTo']);
    const windows = [previous, { from: args.from, to: args.to }];
    const dedupe = args.dedupe ?? Dedupe.ALL_RESPONSES;
    const by = args.by ?? {};
    const hasEngagement = by.engagement !== null && by.engagement !== undefined;
    const hasProperty = by.property !== null && by.property !== undefined;
    if (hasEngagement === hasProperty) {
      throw AppError.badInput('by must give exactly one of engagement and property.', 'by');
    }
    let rows: Array<SegmentRow<string>>;
    if (hasProperty) {
      const property = (by.property as string).trim();
      if (property.length === 0 || property.length > 1023) {
        throw AppError.badInput(
          'by.property must be a user property name (1 to 1023 characters).',
          'by',
        );
      }
      const facts = await this.repository.propertyFacts(environmentId, property);
      if (!facts.known) {
        throw AppError.badInput(
          `by.property "${property}" is carried by no user of this environment.`,
          'by',
        );
      }
      const valued = await this.repository.countsPerWindowAndValue(scope, windows, dedupe, {
        name: property,
        rolledUp: facts.rolledUp,
      });
      rows = valued.map((row) => ({ ...row, segment: row.segment ?? NO_VALUE }));
    } else {
      const engagement = by.engagement as NonNullable<BreakdownInput['engagement']>;
      const thresholds = engagement.thresholds ?? [...DEFAULT_ENGAGEMENT_THRESHOLDS];
      try {
        validateThresholds(thresholds);
      } catch (error) {
        throw AppError.badInput(`by.engagement.thresholds: ${(error as Error).message}`, 'by');
      }
      const windowDays = checkDays(engagement.windowDays, 30, 'windowDays');
      const tiered = await this.repository.countsPerWindowAndTier(scope, windows, dedupe, {
        windowDays,
        thresholds,
        eventTypes: engagement.eventTypes?.length ? engagement.eventTypes : null,
      });
      rows = tiered.map((row) => ({
        ...row,
        segment: row.segment === null ? 'unknown' : tierLabel(row.segment, thresholds),
      }));
    }
    return explanation(rows, previous, { from: args.from, to: args.to });
  }
}

/** The answer from counts per (window 1 = previous, 2 = current) and segment key. */
function explanation(
  rows: ReadonlyArray<SegmentRow<string>>,
  previous: TimeWindow,
  current: TimeWindow,
): NpsChangeExplanationModel {
  const byKey = new Map<string, SegmentPeriodCounts>();
  for (const row of rows) {
    const segment = byKey.get(row.segment) ?? {
      key: row.segment,
      previous: emptyCounts(),
      current: emptyCounts(),
    };
    const counts: CategoryCounts = row;
    if (row.window === 1) segment.previous = addCounts(segment.previous as CategoryCounts, counts);
    else segment.current = addCounts(segment.current as CategoryCounts, counts);
    byKey.set(row.segment, segment);
  }
  const segments = [...byKey.values()];
  const total = (period: 'previous' | 'current') =>
    segments.reduce((sum, s) => addCounts(sum, s[period] as CategoryCounts), emptyCounts());
  const before = total('previous');
  const after = total('current');
  const result = decomposeNpsChange(segments);
  if (result.change !== null) {
    // The decomposition is exact: anything else is a bug, never a figure to show.
    const sum = (result.rateEffect as number) + (result.mixEffect as number);
    if (Math.abs(sum - result.change) > 1e-9 * Math.max(1, Math.abs(result.change))) {
      throw new Error(`rate + mix (${sum}) differs from the change (${result.change})`);
    }
  }
  const responses = (counts: SegmentPeriodCounts['previous']) =>
    counts.promoters + counts.passives + counts.detractors;
  return {
    change: result.change,
    rateEffect: result.rateEffect,
    mixEffect: result.mixEffect,
    promoterShareChange: result.promoterShareChange,
    detractorShareChange: result.detractorShareChange,
    current: {
      ...current,
      ...npsFigures(after),
      previous: { ...previous, ...npsFigures(before) },
      change: npsDifference(after, before),
    },
    previous: { ...previous, ...npsFigures(before), previous: null, change: null },
    segments: result.segments.map((segment) => ({
      ...segment,
      previousResponses: responses(byKey.get(segment.key)!.previous),
      currentResponses: responses(byKey.get(segment.key)!.current),
    })),
  };
}
