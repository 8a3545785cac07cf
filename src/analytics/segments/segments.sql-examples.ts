import { newestResponseStatement } from '../sql/newest-response.sql';
import { type SqlExample, exampleScope } from '../sql/sql-example';
import {
  segmentCountAsOfStatement,
  segmentCountFromTableStatement,
  segmentCountsAsOfStatement,
  segmentCountsSinceStatement,
  segmentEventUsageStatement,
  segmentMembersAsOfStatement,
  segmentMembersFromTableStatement,
  eventTypeKnownStatement,
  segmentTotalsNowStatement,
} from './segments.sql';

/** What SegmentsRepository sends, for segments.repository.sql. */
export function segmentsSqlExamples(): SqlExample[] {
  const now = new Date('2026-03-01T12:00:00Z');
  const past = new Date('2025-12-31T23:00:00Z');
  const ninetyDaysBefore = new Date(now.getTime() - 90 * 86_400_000);
  const cursor = { respondedAt: '2026-02-27T08:30:00.000Z', id: '48213' };
  const [all, filtered] = [exampleScope(false), exampleScope(true)];
  return [
    {
      method: 'NewestResponseRepository.newestResponseTime (first, for each method below)',
      example:
        'no filter: when no response is newer than asOf, respondent_latest and respondent_segment_counts answer.',
      statement: newestResponseStatement('1'),
    },
    {
      method: 'SegmentsRepository.segmentCounts: from respondent_segment_counts',
      example: 'no filter, as of now, no maxAgeDays (also segmentCount without search).',
      statement: segmentTotalsNowStatement('1'),
    },
    {
      method: 'SegmentsRepository.segmentCounts: from respondent_latest',
      example: 'no filter, as of now, maxAgeDays 90.',
      statement: segmentCountsSinceStatement('1', ninetyDaysBefore),
    },
    {
      method: "SegmentsRepository.segmentCounts: each respondent's latest response as of asOf",
      example: "the filter plan = 'pro' (or a past asOf), maxAgeDays 90.",
      statement: segmentCountsAsOfStatement(filtered, now, ninetyDaysBefore),
    },
    {
      method: 'SegmentsRepository.segmentCount: from respondent_latest',
      example: "PROMOTER, no filter, as of now, search 'invoice'.",
      statement: segmentCountFromTableStatement('1', 'PROMOTER', null, 'invoice'),
    },
    {
      method: "SegmentsRepository.segmentCount: each respondent's latest response as of asOf",
      example: "DETRACTOR as of the end of 2025, no filter, search 'slow'.",
      statement: segmentCountAsOfStatement(all, past, null, 'DETRACTOR', 'slow'),
    },
    {
      method: 'SegmentsRepository.segmentMembers: from respondent_latest',
      example:
        'PROMOTER, no filter, as of now, first page of 50 (51 rows: one tells there is more).',
      statement: segmentMembersFromTableStatement('1', 'PROMOTER', null, null, 51, null),
    },
    {
      method: 'SegmentsRepository.segmentMembers: from respondent_latest',
      example: "PASSIVE, no filter, maxAgeDays 90, the page after a cursor, search '50%_off'.",
      statement: segmentMembersFromTableStatement(
        '1',
        'PASSIVE',
        ninetyDaysBefore,
        cursor,
        51,
        '50%_off',
      ),
    },
    {
      method: "SegmentsRepository.segmentMembers: each respondent's latest response as of asOf",
      example: "DETRACTOR with the filter plan = 'pro', as of now, the page after a cursor.",
      statement: segmentMembersAsOfStatement(filtered, now, null, 'DETRACTOR', cursor, 51, null),
    },
    {
      method: 'SegmentsRepository.eventTypeKnown (before members with an activity condition)',
      example: "event type 'Share Report'.",
      statement: eventTypeKnownStatement('1', 'Share Report'),
    },
    {
      method: 'SegmentsRepository.segmentMembers: from respondent_latest, with an activity',
      example:
        "DETRACTOR, no filter, maxAgeDays 90, first page: members who did not 'Share Report' in the 30 days before (response_activity_30d).",
      statement: segmentMembersFromTableStatement(
        '1',
        'DETRACTOR',
        ninetyDaysBefore,
        null,
        51,
        null,
        { eventType: 'Share Report', did: false, windowDays: 30 },
      ),
    },
    {
      method: 'SegmentsRepository.segmentCount: from respondent_latest, with an activity',
      example:
        "PROMOTER, no filter, maxAgeDays 90: members who did 'Share Report' in the 14 days before (events counted).",
      statement: segmentCountFromTableStatement('1', 'PROMOTER', ninetyDaysBefore, null, {
        eventType: 'Share Report',
        did: true,
        windowDays: 14,
      }),
    },
    {
      method:
        "SegmentsRepository.segmentMembers: each respondent's latest response as of asOf, with an activity",
      example:
        "PASSIVE with the filter plan = 'pro', as of the end of 2025: members who did not 'Share Report' in the 30 days before.",
      statement: segmentMembersAsOfStatement(filtered, past, null, 'PASSIVE', null, 51, null, {
        eventType: 'Share Report',
        did: false,
        windowDays: 30,
      }),
    },
    {
      method: 'SegmentsRepository.segmentEventUsage: respondent_latest and response_activity_30d',
      example: "no filter, as of now, event type 'Share Report' over the default 30 days.",
      statement: segmentEventUsageStatement(all, true, now, 'Share Report', 30),
    },
    {
      method: 'SegmentsRepository.segmentEventUsage: latest responses as of asOf, events counted',
      example: "the filter plan = 'pro', as of now, event type 'Share Report' over 90 days.",
      statement: segmentEventUsageStatement(filtered, false, now, 'Share Report', 90),
    },
  ];
}
