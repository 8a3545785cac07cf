import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { Connection, toConnection } from '../../common/connection.model';
import { decodeCursor, encodeCursor, pageSize } from '../../common/cursor';
import { AppConfig } from '../../config/app-config';
import { AppError } from '../../common/app-error';
import { sentimentLabel } from '../../text/sentiment';
import type { UserFilter } from '../../graphql/user-filter.input';
import { CATEGORY_SCORES } from '../math/nps-math';
import { cleanSearch } from '../shared/analytics-arguments';
import { NpsSegment } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
import { matchedUser } from '../shared/matched-user.model';
import { SentimentLabel, SurveyResponseModel } from './responses.model';
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
      sentiment?: string | null;
      theme?: string | null;
      filter?: UserFilter | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<Connection<SurveyResponseModel>> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    const limit = pageSize(args.first, 50, this.config.graphqlMaxPageSize);
    const search = cleanSearch(args.search);
    // A ranked list (with a search) has cursors of its own: (rank, time, id).
    const ranked = search !== null;
    const cursor = args.after
      ? ranked
        ? decodeCursor('response-search', args.after, ['number', 'time', 'id'])
        : ['', ...decodeCursor('response', args.after, ['time', 'id'])]
      : null;
    if (args.theme != null && !/^[1-9][0-9]{0,17}$/.test(args.theme))
      throw AppError.badInput('theme must be the id of a theme (Environment.themes).', 'theme');
    const filter = {
      from: args.from ?? null,
      to: args.to ?? null,
      scoreRange: args.segment ? ([...CATEGORY_SCORES[args.segment]] as [number, number]) : null,
      search,
      sentiment: args.sentiment ?? null,
      themeId: args.theme ?? null,
      conditions: scope.conditions,
    };
    const [rows, total] = await Promise.all([
      this.repository.listResponses(
        environmentId,
        filter,
        cursor
          ? { rank: ranked ? Number(cursor[0]) : null, respondedAt: cursor[1], id: cursor[2] }
          : null,
        limit + 1,
      ),
      this.repository.countResponses(environmentId, filter),
    ]);
    return toConnection(
      rows,
      limit,
      total,
      (row) =>
        ranked
          ? encodeCursor('response-search', [
              row.searchRank,
              new Date(row.respondedAt).toISOString(),
              row.id,
            ])
          : encodeCursor('response', [new Date(row.respondedAt).toISOString(), row.id]),
      (row) => ({
        ...row,
        user: matchedUser(row),
        sentiment:
          row.sentimentScore === null
            ? null
            : {
                score: row.sentimentScore,
                label: sentimentLabel(row.sentimentScore) as SentimentLabel,
              },
        searchRank: ranked ? row.searchRank : null,
      }),
    );
  }
}
