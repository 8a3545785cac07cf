/**
 * What an analytics field will scan, estimated from its arguments before anything runs. The unit
 * is one day of an environment's NPS responses read row by row (about 0.6 ms at the benchmarks'
 * reference scale of ~1,400 responses a day); the weights below are calibrated on
 * `npm run bench:analytics`. Longer ranges, finer intervals, more engagement tiers and longer
 * look-back windows all cost more. Pure: the query limits plugin sums it over an operation.
 */

const DAY_MS = 86_400_000;

/**
 * Ranges are charged for at most ten years: an environment holds no more history than that, so a
 * longer (or unbounded) range reads no more rows.
 */
export const MAX_CHARGED_DAYS = 3653;

/** A day read from the 15-minute rollup (no filter, every response counted) instead of rows. */
export const ROLLUP_DAY = 0.05;

/** Each point of a trend series or row of a page, built and sent. */
export const POINT = 0.1;

/** Per day of responses, each day of events looked back over for the engagement tiers. */
export const TREND_EVENT_DAY = 0.1;

/**
 * Per day of the range, each day of events looked back over for respondents' latest answers
 * (correlations, segment comparison): one observation per person rather than per response.
 */
export const OBSERVATION_EVENT_DAY = 0.01;

/** Upper bound of trend buckets (the trend refuses more before any SQL). */
export const MAX_TREND_BUCKETS = 2000;

/** Longest bucket length of each interval in days, inverted: buckets over-counted, never under. */
const SHORTEST_BUCKET_DAYS: Record<string, number> = {
  DAY: 1,
  WEEK: 7,
  MONTH: 28,
  QUARTER: 89,
  YEAR: 365,
};

export interface CostContext {
  now: Date;
  /** The caller's credential locks a user filter into every figure (embed links). */
  lockedFilter: boolean;
}

export type FieldArgs = Record<string, unknown>;
export type FieldCost = (args: FieldArgs, context: CostContext) => number;

function asDate(value: unknown, fallback: Date): Date {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : fallback;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** A whole number of days in [1, max], the default when absent or not a number. */
function days(value: unknown, fallback: number, max = 365): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? clamp(Math.ceil(value), 1, max)
    : fallback;
}

/** Days of [from, to) charged: from defaults to 1970, to to now, as the service does. */
export function chargedDays(from: unknown, to: unknown, now: Date): number {
  const start = asDate(from, new Date(0)).getTime();
  const end = asDate(to, now).getTime();
  return clamp(Math.ceil((end - start) / DAY_MS), 1, MAX_CHARGED_DAYS);
}

/** Trend buckets [from, to) spans at `interval`, rounded up, at most MAX_TREND_BUCKETS. */
export function estimatedBuckets(from: unknown, to: unknown, interval: unknown, now: Date): number {
  const start = asDate(from, now).getTime();
  const end = asDate(to, now).getTime();
  const length = SHORTEST_BUCKET_DAYS[String(interval)] ?? 1;
  const spanned = Math.ceil(Math.max(0, end - start) / (length * DAY_MS)) + 1;
  return clamp(spanned, 1, MAX_TREND_BUCKETS);
}

function hasConditions(filter: unknown): boolean {
  const conditions = (filter as { conditions?: unknown } | null | undefined)?.conditions;
  return Array.isArray(conditions) && conditions.length > 0;
}

/**
 * Cost of reading one day of responses: rows when a filter applies (the caller's or the
 * credential's) or when deduplicating, else the rollup.
 */
function responseDay(args: FieldArgs, context: CostContext): number {
  const rows =
    context.lockedFilter || hasConditions(args.filter) || args.dedupe === 'LATEST_PER_PERSON';
  return rows ? 1 : ROLLUP_DAY;
}

/** Days of history behind "latest response as of" questions (maxAgeDays bounds it). */
function historyDays(args: FieldArgs): number {
  return days(args.maxAgeDays, MAX_CHARGED_DAYS, MAX_CHARGED_DAYS);
}

/** Rows of a page: `first`, default 50. */
function pageRows(args: FieldArgs): number {
  return typeof args.first === 'number' && args.first > 0 ? Math.ceil(args.first) : 50;
}

function npsTrendCost(args: FieldArgs, context: CostContext): number {
  const buckets = estimatedBuckets(args.from, args.to, args.interval, context.now);
  const range = chargedDays(args.from, args.to, context.now);
  // Each rolling point reads its own rollingDays, overlapping its neighbours'.
  const scanned =
    typeof args.rollingDays === 'number'
      ? Math.min(buckets * days(args.rollingDays, 30), buckets * MAX_CHARGED_DAYS)
      : range;
  const engagement = args.engagement as
    { windowDays?: unknown; thresholds?: unknown; automatic?: unknown } | null | undefined;
  if (!engagement) return buckets * POINT + scanned * responseDay(args, context);
  const thresholds = Array.isArray(engagement.thresholds) ? engagement.thresholds.length : 3;
  // A series per tier (thresholds + 1) and one for unmatched responses.
  const series = clamp(thresholds, 1, 10) + 2;
  const windowDays = days(engagement.windowDays, 30);
  const perDay = 1 + windowDays * TREND_EVENT_DAY;
  // The tiers always read rows: every response's events before it are counted, once per point;
  // once more for the whole-range tier table unless the points partition the range (plain
  // buckets of every response), and once more for automatic tiers' quartiles.
  const partitioned =
    typeof args.rollingDays !== 'number' &&
    (args.dedupe === undefined || args.dedupe === null || args.dedupe === 'ALL_RESPONSES');
  const wholeRange = (partitioned ? 0 : 1) + (engagement.automatic === true ? 1 : 0);
  return buckets * series * POINT + (scanned + wholeRange * range) * perDay;
}

/** Cost per analytics field coordinate (Type.field); fields not listed cost nothing. */
export const ANALYTICS_FIELD_COSTS: Readonly<Record<string, FieldCost>> = {
  'Environment.npsSummary': (args, context) =>
    (args.compareToPrevious === true ? 2 : 1) *
    chargedDays(args.from, args.to, context.now) *
    responseDay(args, context),
  'Environment.npsTrend': npsTrendCost,
  'Environment.segmentSummary': (args, context) => historyDays(args) * responseDay(args, context),
  // The page and its total count: two reads of the history.
  // The page and its count; an activity condition looks at each member's window, as a comparison.
  'Environment.segmentMembers': (args, context) =>
    2 * historyDays(args) * responseDay(args, context) +
    pageRows(args) * POINT +
    (args.activity && typeof args.activity === 'object'
      ? 2 *
        historyDays(args) *
        days((args.activity as { windowDays?: unknown }).windowDays, 30) *
        OBSERVATION_EVENT_DAY
      : 0),
  'Environment.segmentComparison': (args, context) =>
    MAX_CHARGED_DAYS *
    (responseDay(args, context) + days(args.windowDays, 30) * OBSERVATION_EVENT_DAY),
  'Environment.activityCorrelations': (args, context) =>
    chargedDays(args.from, args.to, context.now) *
    (responseDay(args, context) + days(args.windowDays, 30) * OBSERVATION_EVENT_DAY),
  // Both periods, each response's engagement (rows) or user property (rows) looked up.
  'Environment.npsChange': (args, context) => {
    const length = chargedDays(args.from, args.to, context.now);
    const by = args.by as { engagement?: { windowDays?: unknown } | null } | null | undefined;
    const lookBack = by?.engagement ? days(by.engagement.windowDays, 30) * TREND_EVENT_DAY : 0;
    return 2 * length * (1 + lookBack);
  },
  'Environment.scoreDistribution': (args, context) =>
    chargedDays(args.from, args.to, context.now) * responseDay(args, context),
  // Every response of the range, ordered by respondent.
  'Environment.segmentTransitions': (args, context) => chargedDays(args.from, args.to, context.now),
  // Every (deduplicated) response of the range joined to its user's account; the page on top.
  'Environment.accounts': (args, context) =>
    chargedDays(args.from, args.to, context.now) + pageRows(args) * POINT,
  'Environment.accountSummary': (args, context) => chargedDays(args.from, args.to, context.now),
  // The page and its total count, over rows (search and segment read every response in range).
  'Environment.surveyResponses': (args, context) =>
    2 * chargedDays(args.from, args.to, context.now) + pageRows(args) * POINT,
  // Comment questions read rows (with their comment analysis); themeImpact without a filter,
  // counting every response, reads the daily rollups (theme_mentions_1d) instead.
  'Environment.themeImpact': (args, context) =>
    chargedDays(args.from, args.to, context.now) * responseDay(args, context),
  'Environment.sentimentSplit': (args, context) => chargedDays(args.from, args.to, context.now),
  'Environment.themeTrend': (args, context) =>
    chargedDays(args.from, args.to, context.now) +
    estimatedBuckets(args.from, args.to, args.interval, context.now) * POINT,
  // Comments are read and split into phrases in the service.
  'Environment.themeSuggestions': (args, context) =>
    2 * chargedDays(args.from, args.to, context.now),
  'Environment.themeActivity': (args, context) =>
    chargedDays(args.from, args.to, context.now) *
    (1 + days(args.windowDays, 30) * OBSERVATION_EVENT_DAY),
};

/** Whole cost units of one field (at least 1), or null when the field is not an analytics field. */
export function analyticsFieldCost(
  coordinate: string,
  args: FieldArgs,
  context: CostContext,
): number | null {
  const cost = ANALYTICS_FIELD_COSTS[coordinate];
  return cost ? Math.max(1, Math.ceil(cost(args, context))) : null;
}
