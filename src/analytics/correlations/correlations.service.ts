import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/app-error';
import type { UserFilter } from '../../graphql/user-filter.input';
import {
  activityCorrelations,
  type ActivityCorrelation,
  type SparseCell,
} from '../math/activity-correlation';
import { checkDays, checkRange } from '../shared/analytics-arguments';
import { analyticsScope } from '../shared/analytics-scope';
import { CorrelationsRepository } from './correlations.repository';

/** activityCorrelations (docs/nps-method.md): frequency tables in PostgreSQL, statistics in pure maths. */
@Injectable()
export class CorrelationsService {
  constructor(private readonly repository: CorrelationsRepository) {}

  async correlations(
    principal: Principal | null,
    environmentId: string,
    args: {
      from?: Date | null;
      to?: Date | null;
      windowDays?: number | null;
      minUsers?: number | null;
      filter?: UserFilter | null;
    },
  ): Promise<ActivityCorrelation[]> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    const to = args.to ?? new Date();
    const from = args.from ?? new Date(0);
    checkRange(from, to);
    const windowDays = checkDays(args.windowDays, 30, 'windowDays');
    if (
      args.minUsers !== null &&
      args.minUsers !== undefined &&
      (!Number.isInteger(args.minUsers) || args.minUsers < 1)
    ) {
      throw AppError.badInput('minUsers must be a whole number of at least 1.', 'minUsers');
    }
    const { scoreCounts, sparse } = await this.repository.correlationInputs(
      scope,
      from,
      to,
      windowDays,
    );
    const cellsByType = new Map<string, SparseCell[]>();
    for (const row of sparse) {
      const cells = cellsByType.get(row.name) ?? [];
      cells.push({ x: row.x, score: row.score, users: row.users });
      cellsByType.set(row.name, cells);
    }
    return activityCorrelations(scoreCounts, cellsByType, args.minUsers);
  }
}
