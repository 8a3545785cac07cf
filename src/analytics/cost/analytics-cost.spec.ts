import {
  ANALYTICS_FIELD_COSTS,
  MAX_CHARGED_DAYS,
  MAX_TREND_BUCKETS,
  analyticsFieldCost,
  chargedDays,
  estimatedBuckets,
} from './analytics-cost';

const now = new Date('2026-06-01T00:00:00Z');
const context = { now, lockedFilter: false };
const cost = (field: string, args: Record<string, unknown>, locked = false) =>
  analyticsFieldCost(`Environment.${field}`, args, { now, lockedFilter: locked })!;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const fiveYears = { from: day('2021-06-01'), to: day('2026-06-01') };

describe('chargedDays', () => {
  it('counts the days of [from, to), a started day as a whole one', () => {
    expect(chargedDays(day('2026-01-01'), day('2026-01-31'), now)).toBe(30);
    expect(chargedDays(day('2026-01-01'), new Date('2026-01-01T00:00:01Z'), now)).toBe(1);
  });

  it('defaults to 1970 until now, as the service does, and stops at ten years', () => {
    expect(chargedDays(null, null, now)).toBe(MAX_CHARGED_DAYS);
    expect(chargedDays(day('1000-01-01'), day('9999-01-01'), now)).toBe(MAX_CHARGED_DAYS);
    expect(chargedDays(day('2026-05-01'), undefined, now)).toBe(31);
  });

  it('charges an empty or reversed range one day (the service refuses it)', () => {
    expect(chargedDays(day('2026-02-01'), day('2026-01-01'), now)).toBe(1);
  });
});

describe('estimatedBuckets', () => {
  it('never counts fewer buckets than the range has', () => {
    expect(estimatedBuckets(day('2026-01-01'), day('2026-01-31'), 'DAY', now)).toBe(31);
    expect(estimatedBuckets(day('2026-01-01'), day('2027-01-01'), 'MONTH', now)).toBe(15);
    expect(estimatedBuckets(day('2024-01-01'), day('2026-01-01'), 'WEEK', now)).toBe(106);
  });

  it('stops at the most buckets a trend may have', () => {
    expect(estimatedBuckets(day('2000-01-01'), day('2026-01-01'), 'DAY', now)).toBe(
      MAX_TREND_BUCKETS,
    );
  });
});

describe('analytics field costs', () => {
  it('has a cost for every analytics field of Environment', () => {
    expect(Object.keys(ANALYTICS_FIELD_COSTS).sort()).toEqual(
      [
        'Environment.activityCorrelations',
        'Environment.npsSummary',
        'Environment.npsTrend',
        'Environment.segmentComparison',
        'Environment.segmentMembers',
        'Environment.segmentSummary',
        'Environment.surveyResponses',
        'Environment.npsChange',
        'Environment.scoreDistribution',
        'Environment.segmentTransitions',
        'Environment.accounts',
        'Environment.accountSummary',
        'Environment.themeImpact',
        'Environment.themeTrend',
        'Environment.themeSuggestions',
        'Environment.themeActivity',
        'Environment.sentimentSplit',
      ].sort(),
    );
    expect(analyticsFieldCost('Environment.name', {}, context)).toBeNull();
  });

  it('charges the comment questions by the days of rows they read', () => {
    const year = { from: day('2025-01-01'), to: day('2026-01-01') };
    // 365 days of rows; the trend adds 53 weekly buckets × 0.1 = 5.3; activity 1 + 30 × 0.01.
    expect(cost('themeImpact', { ...year, dedupe: 'LATEST_PER_PERSON' })).toBe(365);
    expect(cost('themeImpact', { ...year, filter: { conditions: [{ property: 'plan' }] } })).toBe(
      365,
    );
    expect(cost('themeTrend', { ...year, interval: 'WEEK' })).toBe(Math.ceil(365 + 53 * 0.1));
    expect(cost('themeActivity', { ...year, windowDays: 30 })).toBe(Math.ceil(365 * 1.3));
  });

  it('charges unfiltered themeImpact over every response as days of the daily rollups', () => {
    const year = { from: day('2025-01-01'), to: day('2026-01-01') };
    expect(cost('themeImpact', year)).toBe(Math.ceil(365 * 0.05));
  });

  it('charges at least one whole unit', () => {
    const tiny = cost('npsTrend', {
      from: day('2026-01-01'),
      to: day('2026-01-02'),
      interval: 'DAY',
    });
    expect(tiny).toBe(1);
    expect(Number.isInteger(cost('npsSummary', {}))).toBe(true);
  });

  it('prices the five-year daily engagement trend with 365-day windows far above a dashboard trend', () => {
    const attack = cost('npsTrend', {
      ...fiveYears,
      interval: 'DAY',
      engagement: { windowDays: 365 },
    });
    const dashboard = cost('npsTrend', {
      from: day('2026-03-03'),
      to: day('2026-06-01'),
      interval: 'WEEK',
    });
    // 1,827 daily buckets × 5 series × 0.1, and 1,826 days × (1 + 365 × 0.1).
    expect(attack).toBe(Math.ceil(1827 * 5 * 0.1 + 1826 * 37.5));
    expect(dashboard).toBeLessThan(20);
    expect(94 * attack).toBeGreaterThan(60 * 100_000);
  });

  it('grows with buckets, tiers, windowDays and range length', () => {
    const base = { ...fiveYears, interval: 'MONTH', engagement: { windowDays: 30 } };
    const trend = (args: Record<string, unknown>) => cost('npsTrend', { ...base, ...args });
    expect(trend({ interval: 'DAY' })).toBeGreaterThan(trend({}));
    expect(
      trend({ engagement: { windowDays: 30, thresholds: [1, 2, 3, 4, 5, 6] } }),
    ).toBeGreaterThan(trend({}));
    expect(trend({ engagement: { windowDays: 90 } })).toBeGreaterThan(trend({}));
    expect(trend({ from: day('2016-06-01') })).toBeGreaterThan(trend({}));
    expect(trend({ engagement: null })).toBeLessThan(trend({}));
    // Automatic tiers read the range once more for the quartiles (1,826 days × (1 + 30 × 0.1));
    // so does the tier table when the points do not partition the range.
    expect(trend({ engagement: { windowDays: 30, automatic: true } }) - trend({})).toBe(1826 * 4);
    expect(trend({ dedupe: 'LATEST_PER_PERSON' }) - trend({})).toBe(1826 * 4);
    expect(trend({ engagement: null, rollingDays: 90 })).toBeGreaterThan(
      trend({ engagement: null }),
    );
  });

  it('charges row reads when a filter applies (the caller’s or the link’s) or responses are deduplicated', () => {
    const args = { from: day('2025-06-01'), to: day('2026-06-01'), interval: 'MONTH' };
    const rollup = cost('npsTrend', args);
    const filtered = cost('npsTrend', {
      ...args,
      filter: { conditions: [{ property: 'plan', equals: 'pro' }] },
    });
    expect(filtered).toBeGreaterThan(10 * rollup);
    expect(cost('npsTrend', args, true)).toBe(filtered);
    expect(cost('npsTrend', { ...args, dedupe: 'LATEST_PER_PERSON' })).toBe(filtered);
    expect(cost('npsTrend', { ...args, filter: { conditions: [] } })).toBe(rollup);
  });

  it('charges the previous period of a summary compared to it', () => {
    const args = { from: day('2026-03-01'), to: day('2026-06-01') };
    expect(cost('npsSummary', { ...args, compareToPrevious: true })).toBe(
      2 * cost('npsSummary', args),
    );
  });

  it('prices activity correlations by range and windowDays', () => {
    const year = { from: day('2025-06-01'), to: day('2026-06-01') };
    expect(cost('activityCorrelations', { ...year, windowDays: 365 })).toBeGreaterThan(
      cost('activityCorrelations', { ...year, windowDays: 30 }),
    );
    expect(cost('activityCorrelations', { windowDays: 30 })).toBeGreaterThan(
      cost('activityCorrelations', { ...year, windowDays: 30 }),
    );
    // 90 aliases of the default (all history, 30-day windows) pass one request's default limit.
    expect(90 * cost('activityCorrelations', { windowDays: 30 })).toBeGreaterThan(100_000);
  });

  it('prices lists by their page and members by their history', () => {
    expect(cost('surveyResponses', { first: 500 })).toBeGreaterThan(cost('surveyResponses', {}));
    expect(cost('segmentMembers', { maxAgeDays: 30 })).toBeLessThan(cost('segmentMembers', {}));
    // An activity condition: 2 × 30 days × 30-day windows × 0.01 on top of the 30-day members.
    expect(
      cost('segmentMembers', { maxAgeDays: 30, activity: { eventType: 'x', did: false } }) -
        cost('segmentMembers', { maxAgeDays: 30 }),
    ).toBe(2 * 30 * 30 * 0.01);
    expect(cost('segmentSummary', { maxAgeDays: 30 })).toBeLessThan(cost('segmentSummary', {}));
    expect(cost('segmentComparison', { windowDays: 365 })).toBeGreaterThan(
      cost('segmentComparison', { windowDays: 30 }),
    );
  });

  it('fits every dashboard screen at its defaults well inside one request’s default limit', () => {
    const ninetyDays = { from: day('2026-03-03'), to: day('2026-06-01') };
    const screens = [
      cost('npsSummary', { ...ninetyDays, compareToPrevious: true }),
      cost('npsTrend', { ...ninetyDays, interval: 'WEEK' }),
      cost('npsTrend', { from: day('1970-01-01'), to: now, interval: 'YEAR' }),
      cost('npsTrend', { ...ninetyDays, interval: 'WEEK', engagement: { windowDays: 30 } }),
      cost('activityCorrelations', { ...ninetyDays, windowDays: 30 }),
      cost('segmentComparison', { windowDays: 30 }),
      cost('segmentSummary', {}) + cost('segmentMembers', { first: 25 }),
      cost('surveyResponses', { ...ninetyDays, first: 25 }),
    ];
    for (const screen of screens) expect(screen).toBeLessThan(5_000);
    // The heaviest a screen allows: all history, 365-day windows.
    expect(cost('activityCorrelations', { windowDays: 365 })).toBeLessThan(100_000);
    expect(
      cost('npsTrend', { ...fiveYears, interval: 'DAY', engagement: { windowDays: 365 } }),
    ).toBeLessThan(100_000);
    // The Engagement view's default: automatic tiers, 30-day windows.
    expect(
      cost('npsTrend', {
        ...fiveYears,
        interval: 'DAY',
        engagement: { windowDays: 30, automatic: true },
      }),
    ).toBeLessThan(100_000);
  });
});
