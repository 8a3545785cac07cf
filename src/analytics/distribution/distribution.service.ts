import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import type { UserFilter } from '../../graphql/user-filter.input';
import { scoreDistribution } from '../math/score-distribution';
import { checkRange } from '../shared/analytics-arguments';
import { Dedupe } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
import type { ScoreDistributionModel } from './distribution.model';
import { DistributionRepository } from './distribution.repository';

/** scoreDistribution (docs/nps-method.md): counts per score in PostgreSQL, the rest pure. */
@Injectable()
export class DistributionService {
  constructor(private readonly repository: DistributionRepository) {}

  async scoreDistribution(
    principal: Principal | null,
    environmentId: string,
    args: { from: Date; to: Date; filter?: UserFilter | null; dedupe?: Dedupe | null },
  ): Promise<ScoreDistributionModel> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    checkRange(args.from, args.to);
    const [counts] = await this.repository.scoreCountsPerWindow(
      scope,
      [{ from: args.from, to: args.to }],
      args.dedupe ?? Dedupe.ALL_RESPONSES,
    );
    return { from: args.from, to: args.to, ...scoreDistribution(counts) };
  }
}
