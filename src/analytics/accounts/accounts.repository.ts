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
  type CountedOrderName,
  accountTotalsFromCountsStatement,
  accountTotalsStatement,
  accountsPageFromCountsStatement,
  accountsPageStatement,
  latestBeforeStatement,
} from './accounts.sql';

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
   * latest responses precede the range; otherwise from respondent_latest or rows.
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
    if (options.order !== 'REVENUE_DESC' && (await this.countsAnswer(scope, range, source))) {
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
      (await this.countsAnswer(scope, range, source))
        ? accountTotalsFromCountsStatement(scope.environmentId, range)
        : accountTotalsStatement(scope, range, dedupe, source),
    );
  }

  /** account_latest_counts answers where respondent_latest does, with few latest before `from`. */
  private async countsAnswer(scope: ResponseScope, range: TimeWindow, source: AccountSource) {
    if (source !== 'latest-table') return false;
    const [{ before }] = await this.sql.rows<{ before: number }>(
      latestBeforeStatement(scope.environmentId, range.from, SUBTRACTED_AT_MOST),
    );
    return before < SUBTRACTED_AT_MOST;
  }
}
