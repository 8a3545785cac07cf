import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { Connection, toConnection } from '../../common/connection.model';
import { decodeCursor, encodeCursor, pageSize } from '../../common/cursor';
import { AppConfig } from '../../config/app-config';
import type { UserFilter } from '../../graphql/user-filter.input';
import { CATEGORY_SCORES } from '../math/nps-math';
import { cleanSearch } from '../shared/analytics-arguments';
import { NpsSegment } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
import { matchedUser } from '../shared/matched-user.model';
import { SurveyResponseModel } from './responses.model';
import { ResponsesRepository } from './responses.repository';

/** surveyResponses: every survey type, newest first, with the matched user. */
@Injectable()
export class ResponsesService {
  constructor(
    private readonly repository: ResponsesRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async responses(
    principal: Principal | null,
    environmentId: string,
    args: {
      from?: Date | null;
      to?: Date | null;
      segment?: NpsSegment | null;
      search?: string | null;
      filter?: UserFilter | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<Connection<SurveyResponseModel>> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    const limit = pageSize(args.first, 50, this.config.graphqlMaxPageSize);
    const cursor = args.after ? decodeCursor('response', args.after, ['time', 'id']) : null;
    const search = cleanSearch(args.search);
    const filter = {
      from: args.from ?? null,
      to: args.to ?? null,
      scoreRange: args.segment ? ([...CATEGORY_SCORES[args.segment]] as [number, number]) : null,
      search,
      conditions: scope.conditions,
    };
    const [rows, total] = await Promise.all([
      this.repository.listResponses(
        environmentId,
        filter,
        cursor ? { respondedAt: cursor[0], id: cursor[1] } : null,
        limit + 1,
      ),
      this.repository.countResponses(environmentId, filter),
    ]);
    return toConnection(
      rows,
      limit,
      total,
      (row) => encodeCursor('response', [new Date(row.respondedAt).toISOString(), row.id]),
      (row) => ({ ...row, user: matchedUser(row) }),
    );
  }
}
