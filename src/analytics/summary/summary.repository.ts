import { Injectable } from '@nestjs/common';
import type { CategoryCounts } from '../sql/category-counts';
import type { Dedupe, ResponseScope } from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';
import { WindowCountsRepository } from '../sql/window-counts.repository';

/** The counts of npsSummary: its period and, with compareToPrevious, the one before. */
@Injectable()
export class SummaryRepository {
  constructor(private readonly windows: WindowCountsRepository) {}

  /** Category counts of each period, in order (rollup for aligned middles, rows otherwise). */
  countsPerPeriod(
    scope: ResponseScope,
    periods: readonly TimeWindow[],
    dedupe: Dedupe,
  ): Promise<CategoryCounts[]> {
    return this.windows.countsPerWindow(scope, periods, dedupe);
  }
}
