import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/app-error';
import type { UserFilter } from '../../graphql/user-filter.input';
import { transitionMatrix } from '../math/segment-transitions';
import { checkRange } from '../shared/analytics-arguments';
import type { NpsSegment } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
import { matchedUser } from '../shared/matched-user.model';
import type {
  SegmentTransitionCellModel,
  SegmentTransitionPairModel,
  SegmentTransitionsModel,
} from './transitions.model';
import { TransitionsRepository } from './transitions.repository';

/** segmentTransitions (docs/nps-method.md): pairs counted in PostgreSQL, shares in pure maths. */
@Injectable()
export class TransitionsService {
  constructor(private readonly repository: TransitionsRepository) {}

  async transitions(
    principal: Principal | null,
    environmentId: string,
    args: { from: Date; to: Date; filter?: UserFilter | null },
  ): Promise<SegmentTransitionsModel> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    checkRange(args.from, args.to);
    const range = { from: args.from, to: args.to };
    const counts = await this.repository.counts(scope, range);
    return {
      respondents: counts.respondents,
      pairs: counts.pairs,
      cells: transitionMatrix(counts.cells) as SegmentTransitionCellModel[],
      query: { scope, range },
    };
  }

  /** Up to `first` (1–100, default 20) pairs of one cell, the latest first. */
  async pairsOf(
    parent: SegmentTransitionsModel,
    from: NpsSegment,
    to: NpsSegment,
    first: number | null | undefined,
  ): Promise<SegmentTransitionPairModel[]> {
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw AppError.badInput('first must be a whole number from 1 to 100.', 'first');
    }
    const rows = await this.repository.pairs(
      parent.query.scope,
      parent.query.range,
      { from, to },
      limit,
    );
    return rows.map((row) => ({ ...row, user: matchedUser(row) }));
  }
}
