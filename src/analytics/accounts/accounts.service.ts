import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/app-error';
import { Connection, toConnection } from '../../common/connection.model';
import { decodeCursor, encodeCursor, pageSize } from '../../common/cursor';
import { AppConfig } from '../../config/app-config';
import type { UserFilter } from '../../graphql/user-filter.input';
import { accountTotals } from '../math/account-figures';
import { npsFromCounts } from '../math/nps-math';
import { checkRange } from '../shared/analytics-arguments';
import { Dedupe } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
import { AccountModel, AccountOrder, AccountSummaryModel } from './accounts.model';
import { AccountRow, AccountsRepository } from './accounts.repository';

/** accounts and accountSummary (docs/nps-method.md, "Accounts"). */
@Injectable()
export class AccountsService {
  constructor(
    private readonly repository: AccountsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async accounts(
    principal: Principal | null,
    environmentId: string,
    args: {
      from: Date;
      to: Date;
      filter?: UserFilter | null;
      dedupe?: Dedupe | null;
      minResponses?: number | null;
      orderBy?: AccountOrder | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<Connection<AccountModel>> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    checkRange(args.from, args.to);
    const minResponses = args.minResponses ?? 1;
    if (!Number.isInteger(minResponses) || minResponses < 1 || minResponses > 1_000_000) {
      throw AppError.badInput(
        'minResponses must be a whole number from 1 to 1,000,000.',
        'minResponses',
      );
    }
    const order = args.orderBy ?? AccountOrder.NPS_ASC;
    const limit = pageSize(args.first, 50, this.config.graphqlMaxPageSize);
    const tag = `account:${order}`;
    const after = args.after
      ? accountKey(decodeCursor(tag, args.after, ['text', 'decimal', 'text']))
      : null;
    const rows = await this.repository.page(
      scope,
      { from: args.from, to: args.to },
      args.dedupe ?? Dedupe.LATEST_PER_PERSON,
      { minResponses, order, after, limit: limit + 1 },
    );
    return toConnection(
      rows,
      limit,
      rows[0]?.totalCount ?? 0,
      (row) => encodeCursor(tag, [row.sortNull ? '1' : '0', row.sortValue, row.account]),
      toAccount,
    );
  }

  async accountSummary(
    principal: Principal | null,
    environmentId: string,
    args: { from: Date; to: Date; filter?: UserFilter | null },
  ): Promise<AccountSummaryModel> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    checkRange(args.from, args.to);
    const rows = await this.repository.totals(
      scope,
      { from: args.from, to: args.to },
      Dedupe.LATEST_PER_PERSON,
    );
    return accountTotals(
      rows.map((row) => ({
        nps: npsFromCounts(row).nps,
        revenue: row.revenue === null ? null : Number(row.revenue),
        detractors: row.detractors,
      })),
    );
  }
}

/** A decoded cursor as a keyset position (its flag is "0" or "1", as encoded). */
function accountKey([flag, sortValue, account]: string[]) {
  if (flag !== '0' && flag !== '1') {
    throw AppError.badInput(
      '"after" is not a cursor from this list; pass an endCursor it returned.',
      'after',
    );
  }
  return { sortNull: flag === '1', sortValue, account };
}

function toAccount(row: AccountRow): AccountModel {
  const figures = npsFromCounts(row);
  return {
    account: row.account,
    respondents: row.respondents,
    responses: figures.responses,
    promoters: figures.promoters,
    passives: figures.passives,
    detractors: figures.detractors,
    nps: figures.nps,
    ciLow: figures.ciLow,
    ciHigh: figures.ciHigh,
    revenue: row.revenue === null ? null : Number(row.revenue),
    latestResponseAt: row.latestResponseAt,
  };
}
