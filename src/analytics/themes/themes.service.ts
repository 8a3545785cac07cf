import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/app-error';
import { isValidTimeZone } from '../../common/time-zone';
import type { UserFilter } from '../../graphql/user-filter.input';
import { ThemeMatcher } from '../../text/theme-matcher';
import { phraseSuggestions } from '../../text/phrase-suggestions';
import { themeImpact } from '../math/theme-impact';
import { type BucketInterval, listBuckets } from '../math/time-buckets';
import { meanSample, welchDifference } from '../math/welch';
import { checkDays, checkRange } from '../shared/analytics-arguments';
import { Dedupe } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
import type { ResponseScope } from '../sql/response-scope.sql';
import type {
  SentimentSplitModel,
  ThemeActivityModel,
  ThemeImpactModel,
  ThemeRefModel,
  ThemeSuggestionModel,
  ThemeTrendPointModel,
} from './themes.model';
import { ThemesRepository } from './themes.repository';

/** Comments in a suggestion sample: the newest detractors' and promoters' of the range. */
const SUGGESTION_SAMPLE = 20_000;

interface Range {
  from: Date;
  to: Date;
}

/** themeImpact, themeTrend, themeSuggestions, themeActivity, sentimentSplit (docs/comment-analysis.md). */
@Injectable()
export class ThemesService {
  constructor(private readonly repository: ThemesRepository) {}

  async impact(
    principal: Principal | null,
    environmentId: string,
    args: Range & { filter?: UserFilter | null; dedupe?: Dedupe | null },
  ): Promise<ThemeImpactModel[]> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    checkRange(args.from, args.to);
    const [themes, rows] = await Promise.all([
      this.repository.themeNames(environmentId),
      this.repository.themeCounts(scope, args, args.dedupe ?? Dedupe.ALL_RESPONSES),
    ]);
    const all = rows.find((row) => row.themeId === null)!;
    const byTheme = new Map(rows.map((row) => [row.themeId, row]));
    const none = { promoters: 0, passives: 0, detractors: 0 };
    return themes
      .map((theme) => {
        const figures = themeImpact(all, byTheme.get(theme.id) ?? none, all.commented);
        return { theme, ...figures };
      })
      .sort(
        (a, b) =>
          (a.impact ?? Number.POSITIVE_INFINITY) - (b.impact ?? Number.POSITIVE_INFINITY) ||
          b.mentions - a.mentions ||
          Number(a.theme.id) - Number(b.theme.id),
      );
  }

  async trend(
    principal: Principal | null,
    environmentId: string,
    environmentTimezone: string,
    args: Range & { theme: string; interval: BucketInterval; timezone?: string | null },
  ): Promise<ThemeTrendPointModel[]> {
    const scope = analyticsScope(principal, environmentId);
    checkRange(args.from, args.to);
    const timezone = args.timezone ?? environmentTimezone;
    if (!isValidTimeZone(timezone))
      throw AppError.badInput(`timezone "${timezone}" is not an IANA time zone.`, 'timezone');
    const theme = await this.theme(environmentId, args.theme);
    let buckets;
    try {
      buckets = listBuckets(args.from, args.to, args.interval, timezone);
    } catch (error) {
      throw AppError.badInput(`${(error as Error).message}.`, 'interval');
    }
    const windows = buckets.map((bucket) => ({
      from: new Date(Math.max(bucket.bucketStart.getTime(), args.from.getTime())),
      to: new Date(Math.min(bucket.bucketEnd.getTime(), args.to.getTime())),
    }));
    const rows = await this.repository.themeTrend(scope, windows, theme.id);
    const byPosition = new Map(rows.map((row) => [row.position, row]));
    return buckets.map((bucket, index) => {
      const row = byPosition.get(index + 1);
      const commented = row?.commented ?? 0;
      const mentions = row?.mentions ?? 0;
      return {
        bucketStart: bucket.bucketStart,
        bucketEnd: bucket.bucketEnd,
        responses: row?.responses ?? 0,
        commented,
        mentions,
        share: commented > 0 ? mentions / commented : null,
      };
    });
  }

  async suggestions(
    principal: Principal | null,
    environmentId: string,
    args: Range & { first?: number | null },
  ): Promise<ThemeSuggestionModel[]> {
    const scope = analyticsScope(principal, environmentId);
    checkRange(args.from, args.to);
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw AppError.badInput('first must be a whole number from 1 to 100.', 'first');
    const [themes, comments] = await Promise.all([
      this.dictionary(scope),
      this.repository.suggestionComments(scope, args, SUGGESTION_SAMPLE),
    ]);
    return phraseSuggestions(comments, themes, first);
  }

  async activity(
    principal: Principal | null,
    environmentId: string,
    args: Range & { theme: string; windowDays?: number | null },
  ): Promise<ThemeActivityModel> {
    const scope = analyticsScope(principal, environmentId);
    checkRange(args.from, args.to);
    const windowDays = checkDays(args.windowDays, 30, 'windowDays');
    const theme = await this.theme(environmentId, args.theme);
    const rows = await this.repository.themeActivity(scope, args, theme.id, windowDays);
    const respondents = (mentions: boolean) =>
      rows.find((row) => row.eventType === null && row.mentions === mentions)?.respondents ?? 0;
    const nWith = respondents(true);
    const nWithout = respondents(false);
    const types = [...new Set(rows.flatMap((row) => (row.eventType ? [row.eventType] : [])))];
    const sample = (eventType: string, mentions: boolean, n: number) => {
      const row = rows.find((r) => r.eventType === eventType && r.mentions === mentions);
      // Respondents without the event count as zeros: they add to n, not to the sums.
      return meanSample(n, row?.sum ?? 0, row?.sumOfSquares ?? 0);
    };
    const events = types
      .map((eventType) => {
        const a = sample(eventType, true, nWith);
        const b = sample(eventType, false, nWithout);
        const welch = welchDifference(a, b);
        return {
          eventType,
          meanWith: a.mean,
          meanWithout: b.mean,
          difference: welch.difference,
          ciLow: welch.ciLow,
          ciHigh: welch.ciHigh,
        };
      })
      .sort(
        (a, b) =>
          Math.abs(b.difference ?? 0) - Math.abs(a.difference ?? 0) ||
          (a.eventType < b.eventType ? -1 : 1),
      );
    return { theme, respondentsWith: nWith, respondentsWithout: nWithout, windowDays, events };
  }

  async sentimentSplit(
    principal: Principal | null,
    environmentId: string,
    args: Range & { filter?: UserFilter | null; dedupe?: Dedupe | null },
  ): Promise<SentimentSplitModel[]> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    checkRange(args.from, args.to);
    const rows = await this.repository.sentimentSplit(
      scope,
      args,
      args.dedupe ?? Dedupe.ALL_RESPONSES,
    );
    return (['PROMOTER', 'PASSIVE', 'DETRACTOR'] as const).map((segment) => {
      const row = rows.find((r) => r.segment === segment);
      return {
        segment,
        commented: row?.commented ?? 0,
        positive: row?.positive ?? 0,
        neutral: row?.neutral ?? 0,
        negative: row?.negative ?? 0,
        meanScore: row?.meanScore ?? null,
      };
    });
  }

  /** A theme of the environment by id; BAD_USER_INPUT naming `theme` otherwise. */
  private async theme(environmentId: string, id: string): Promise<ThemeRefModel> {
    const themes = await this.repository.themeNames(environmentId);
    const theme = /^\d{1,18}$/.test(id) ? themes.find((t) => t.id === id) : undefined;
    if (!theme)
      throw AppError.badInput(
        `theme ${id} is not a theme of environment ${environmentId}.`,
        'theme',
      );
    return theme;
  }

  private async dictionary(scope: ResponseScope): Promise<ThemeMatcher> {
    return new ThemeMatcher(await this.repository.themePatterns(scope.environmentId));
  }
}
