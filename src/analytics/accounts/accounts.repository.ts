import { Injectable } from '@nestjs/common';
import type { CategoryCounts } from '../sql/category-counts';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import { NewestResponseRepository } from '../sql/newest-response.repository';
import type { Dedupe, ResponseScope } from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';
import {
  type AccountKey,
  type AccountOrderName,
  type AccountSource,
  accountTotalsStatement,
  accountsPageStatement,
} from './accounts.sql';
import {
  type CountedOrderName,
  accountTotalsFromCountsStatement,
  accountsFirstPageByNpsStatement,
  accountsPageFromCountsStatement,
  latestBeforeStatement,
} from './account-counts.sql';

/**
 * At most this many latest responses before `from` are subtracted from account_latest_counts;
 * with more, the range's own latest responses are fewer to read (the 'latest-table' source).
 */
const SUBTRACTED_AT_MOST = 20_000;

export interface AccountRow extends CategoryCounts {
  account: string;
  respondents: number;
  revenue: number | null;
  latestResponseAt: Date;
  sortNull: boolean;
  sortValue: string;
  totalCount: number;
}

/** Accounts: counts of their users' NPS responses per account, and their revenue. */
@Injectable()
export class AccountsRepository {
  constructor(
    private readonly sql: AnalyticsSqlRunner,
    private readonly newest: NewestResponseRepository,
  ) {}

  /** Where the chosen responses can come from: respondent_latest when it answers exactly. */
  private async source(scope: ResponseScope, range: TimeWindow, dedupe: Dedupe) {
    if (dedupe !== 'LATEST_PER_PERSON') return 'rows' as AccountSource;
    // Every response before `to` (half-open) means each respondent's latest is their latest of all.
    const answers = await this.newest.latestTableAnswers(scope, new Date(range.to.getTime() - 1));
    return (answers ? 'latest-table' : 'rows') as AccountSource;
  }

  /**
   * Up to `limit` rows after `after` in `order` (each with the list's total count). From
   * account_latest_counts when respondent_latest answers, the order is not by revenue and few
   * latest responses precede the range (the first page by NPS from its index when none do);
   * otherwise from respondent_latest or rows.
   */
  async page(
    scope: ResponseScope,
    range: TimeWindow,
    dedupe: Dedupe,
    options: {
      minResponses: number;
      order: AccountOrderName;
      after: AccountKey | null;
      limit: number;
    },
  ): Promise<AccountRow[]> {
    const source = await this.source(scope, range, dedupe);
    const before =
      options.order === 'REVENUE_DESC' ? null : await this.latestBefore(range, source, scope);
    if (before === 0 && options.order === 'NPS_ASC' && options.after === null) {
      return this.sql.rows<AccountRow>(
        accountsFirstPageByNpsStatement(scope.environmentId, range, options),
      );
    }
    if (before !== null && before < SUBTRACTED_AT_MOST) {
      return this.sql.rows<AccountRow>(
        accountsPageFromCountsStatement(scope.environmentId, range, {
          ...options,
          order: options.order as CountedOrderName,
        }),
      );
    }
    return this.sql.rows<AccountRow>(accountsPageStatement(scope, range, dedupe, source, options));
  }

  /** One row per account with responses: counts and revenue (from account_latest_counts when it answers). */
  async totals(
    scope: ResponseScope,
    range: TimeWindow,
    dedupe: Dedupe,
  ): Promise<Array<CategoryCounts & { account: string; revenue: number | null }>> {
    const source = await this.source(scope, range, dedupe);
    return this.sql.rows(
      ((await this.latestBefore(range, source, scope)) ?? SUBTRACTED_AT_MOST) < SUBTRACTED_AT_MOST
        ? accountTotalsFromCountsStatement(scope.environmentId, range)
        : accountTotalsStatement(scope, range, dedupe, source),
    );
  }

  /**
   * Where respondent_latest answers, how many latest responses precede `from` (up to
   * SUBTRACTED_AT_MOST): account_latest_counts answers with fewer. Null elsewhere.
   */
  private async latestBefore(
    range: TimeWindow,
    source: AccountSource,
    scope: ResponseScope,
  ): Promise<number | null> {
    if (source !== 'latest-table') return null;
    const [{ before }] = await this.sql.rows<{ before: number }>(
      latestBeforeStatement(scope.environmentId, range.from, SUBTRACTED_AT_MOST),
    );
    return before;
  }
}
