import { type SqlExample, exampleScope, exampleWindows } from '../sql/sql-example';
import { alignedMiddle, edgesOf } from '../sql/slots';
import { countsFromRollupStatement, countsFromRowsStatement } from '../sql/window-counts.sql';
import { countsPerWindowAndTierFromHistogramStatement } from '../sql/engagement-histogram.sql';
import { splitIntoUtcDays } from '../sql/slots';
import {
  activityHistogramStatement,
  countsPerWindowAndTierStatement,
} from '../sql/engagement-tiers.sql';

/** What TrendRepository sends, for trend.repository.sql. */
export function trendSqlExamples(): SqlExample[] {
  // Three ISO weeks from Monday 5 January 2026, UTC.
  const weeks = exampleWindows('2026-01-05T00:00:00Z', 7, 3);
  // The same weeks for a range starting at 09:07: the first point is clipped to it.
  const clipped = [{ ...weeks[0], from: new Date('2026-01-05T09:07:00Z') }, ...weeks.slice(1)];
  const edges = clipped.flatMap((window) => edgesOf(window, alignedMiddle(window)));
  return [
    {
      method: 'TrendRepository.countsPerWindow: from the 15-minute rollup',
      example:
        'ALL_RESPONSES without a filter, three UTC weeks (any zone: offsets are whole slots).',
      statement: countsFromRollupStatement('1', weeks),
    },
    {
      method: 'TrendRepository.countsPerWindow: rows for the edges of unaligned windows',
      example:
        'ALL_RESPONSES without a filter, the range starting at 09:07; the rollup answers the aligned middles (statement above), rows the edge shorter than 15 minutes.',
      statement: countsFromRowsStatement(exampleScope(false), edges, 'ALL_RESPONSES'),
    },
    {
      method: 'TrendRepository.countsPerWindow: from rows',
      example: 'LATEST_PER_PERSON without a filter, three UTC weeks.',
      statement: countsFromRowsStatement(exampleScope(false), weeks, 'LATEST_PER_PERSON'),
    },
    {
      method: 'TrendRepository.countsPerWindow: from rows',
      example: "ALL_RESPONSES with the filter plan = 'pro', three UTC weeks.",
      statement: countsFromRowsStatement(exampleScope(true), weeks, 'ALL_RESPONSES'),
    },
    {
      method: 'TrendRepository.countsPerWindowAndTier: from the daily engagement histogram',
      example:
        'ALL_RESPONSES without a filter, the three weeks with the range starting at 09:07 (its first UTC day is an edge read from response_engagement_30d), engagement over the default 30 days, thresholds [1, 5, 20], every event type.',
      statement: countsPerWindowAndTierFromHistogramStatement(
        '1',
        splitIntoUtcDays(clipped),
        [1, 5, 20],
      ),
    },
    {
      method: 'TrendRepository.countsPerWindowAndTier: events from response_activity_30d',
      example:
        'LATEST_PER_PERSON without a filter, three UTC weeks, engagement over the default 30 days, thresholds [1, 5, 20], every event type.',
      statement: countsPerWindowAndTierStatement(exampleScope(false), weeks, 'LATEST_PER_PERSON', {
        windowDays: 30,
        thresholds: [1, 5, 20],
        eventTypes: null,
      }),
    },
    {
      method: 'TrendRepository.countsPerWindowAndTier: events counted from events',
      example:
        "LATEST_PER_PERSON with the filter plan = 'pro', three UTC weeks, engagement over 90 days of Create Report and Share Report, thresholds [1, 5].",
      statement: countsPerWindowAndTierStatement(exampleScope(true), weeks, 'LATEST_PER_PERSON', {
        windowDays: 90,
        thresholds: [1, 5],
        eventTypes: ['Create Report', 'Share Report'],
      }),
    },
    {
      method: 'TrendRepository.activityHistogram: events from response_activity_30d',
      example:
        'Automatic tiers: ALL_RESPONSES without a filter, the three UTC weeks as one range, engagement over the default 30 days, every event type.',
      statement: activityHistogramStatement(
        exampleScope(false),
        { from: weeks[0].from, to: weeks[2].to },
        'ALL_RESPONSES',
        { windowDays: 30, eventTypes: null },
      ),
    },
    {
      method: 'TrendRepository.activityHistogram: events counted from events',
      example:
        "Automatic tiers: LATEST_PER_PERSON with the filter plan = 'pro', the three weeks as one range, 90 days of Create Report.",
      statement: activityHistogramStatement(
        exampleScope(true),
        { from: weeks[0].from, to: weeks[2].to },
        'LATEST_PER_PERSON',
        { windowDays: 90, eventTypes: ['Create Report'] },
      ),
    },
  ];
}
