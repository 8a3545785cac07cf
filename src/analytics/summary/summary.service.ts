import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import type { UserFilter } from '../../graphql/user-filter.input';
import { NpsCounts, npsDifference } from '../math/nps-math';
import { checkRange } from '../shared/analytics-arguments';
import { Dedupe } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
import type { TimeWindow } from '../sql/slots';
import { npsFigures } from '../shared/nps-figures';
import { NpsSummaryModel } from '../shared/nps-summary.model';
import { SummaryRepository } from './summary.repository';

/** npsSummary (docs/nps-method.md): counts in PostgreSQL, figures and the difference in pure maths. */
@Injectable()
export class SummaryService {
  constructor(private readonly repository: SummaryRepository) {}

  async summary(
    principal: Principal | null,
    environmentId: string,
    args: {
      from?: Date | null;
      to?: Date | null;
      dedupe?: Dedupe | null;
      filter?: UserFilter | null;
      compareToPrevious?: boolean | null;
    },
  ): Promise<NpsSummaryModel> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    const to = args.to ?? new Date();
    const from = args.from ?? new Date(0);
    checkRange(from, to);
    const windows = [{ from, to }];
    const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
    if (args.compareToPrevious) windows.push({ from: previousFrom, to: from });
    const [current, previous] = await this.repository.countsPerPeriod(
      scope,
      windows,
      args.dedupe ?? Dedupe.ALL_RESPONSES,
    );
    const change = previous ? npsDifference(current, previous) : null;
    return {
      from,
      to,
      ...npsFigures(current),
      previous: previous ? { from: previousFrom, to: from, ...npsFigures(previous) } : null,
      change,
    };
  }

  /**
   * Category counts of each window [from, to) over the filter, in order, all responses: the counts
   * npsSummary reports, for callers that judge many windows at once (alert rules, their previews).
   */
  countsPerWindow(
    principal: Principal | null,
    environmentId: string,
    filter: UserFilter | null | undefined,
    windows: readonly TimeWindow[],
  ): Promise<NpsCounts[]> {
    const scope = analyticsScope(principal, environmentId, filter);
    windows.forEach((window) => checkRange(window.from, window.to));
    return this.repository.countsPerPeriod(scope, windows, Dedupe.ALL_RESPONSES);
  }
}
