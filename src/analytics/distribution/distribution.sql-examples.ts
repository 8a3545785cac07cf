import { type SqlExample, exampleScope, exampleWindows } from '../sql/sql-example';
import { alignedMiddle, edgesOf } from '../sql/slots';
import { scoreCountsFromRollupStatement, scoreCountsFromRowsStatement } from './distribution.sql';

/** What DistributionRepository sends, for distribution.repository.sql. */
export function distributionSqlExamples(): SqlExample[] {
  const [quarter] = exampleWindows('2026-01-01T00:00:00Z', 90, 1);
  const unaligned = {
    from: new Date('2026-01-01T09:07:00Z'),
    to: new Date('2026-03-31T17:41:30Z'),
  };
  return [
    {
      method: 'DistributionRepository.scoreCountsPerWindow: from the 15-minute rollup',
      example: 'ALL_RESPONSES without a filter, a quarter on slot boundaries.',
      statement: scoreCountsFromRollupStatement('1', [quarter]),
    },
    {
      method:
        'DistributionRepository.scoreCountsPerWindow: rows for the edges of an unaligned range',
      example:
        'ALL_RESPONSES without a filter from 09:07 to 17:41:30; the rollup answers the aligned middle, rows the two edges shorter than 15 minutes.',
      statement: scoreCountsFromRowsStatement(
        exampleScope(false),
        edgesOf(unaligned, alignedMiddle(unaligned)),
        'ALL_RESPONSES',
      ),
    },
    {
      method: 'DistributionRepository.scoreCountsPerWindow: from rows',
      example: "LATEST_PER_PERSON with the filter plan = 'pro', a quarter.",
      statement: scoreCountsFromRowsStatement(exampleScope(true), [quarter], 'LATEST_PER_PERSON'),
    },
  ];
}
