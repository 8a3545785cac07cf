import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import type { UserFilter } from '../../graphql/user-filter.input';
import { npsDifference } from '../math/nps-math';
import { checkRange } from '../shared/analytics-arguments';
import { Dedupe } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
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
}
