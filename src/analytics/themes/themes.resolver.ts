import { Args, ID, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { EnvironmentModel } from '../../environments/environment.model';
import { UserFilter } from '../../graphql/user-filter.input';
import { Dedupe } from '../shared/analytics.input';
import { Interval } from '../shared/interval.input';
import {
  SentimentSplitModel,
  ThemeActivityModel,
  ThemeImpactModel,
  ThemeSuggestionModel,
  ThemeTrendPointModel,
} from './themes.model';
import { ThemesService } from './themes.service';

/** The theme and sentiment questions on Environment; ANALYST and above (docs/comment-analysis.md). */
@Resolver(() => EnvironmentModel)
export class ThemesResolver {
  constructor(private readonly themes: ThemesService) {}

  @ResolveField(() => [ThemeImpactModel], {
    complexity: 20,
    description: 'Per theme of the dictionary, sorted by impact ascending (the costliest first).',
  })
  themeImpact(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
    @Args('dedupe', { type: () => Dedupe, nullable: true, defaultValue: Dedupe.ALL_RESPONSES })
    dedupe?: Dedupe,
  ) {
    return this.themes.impact(principal, environment.id, { from, to, filter, dedupe });
  }

  @ResolveField(() => [ThemeTrendPointModel], {
    complexity: 20,
    description:
      'Mentions of one theme and their share of commented responses per calendar bucket.',
  })
  themeTrend(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('theme', { type: () => ID }) theme: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('interval', { type: () => Interval }) interval: Interval,
    @Args('timezone', { type: () => String, nullable: true }) timezone?: string | null,
  ) {
    return this.themes.trend(principal, environment.id, environment.timezone, {
      theme,
      from,
      to,
      interval,
      timezone,
    });
  }

  @ResolveField(() => [ThemeSuggestionModel], {
    complexity: 20,
    description:
      "Frequent words and phrases of detractors' comments that no theme matches, with their counts among detractors and promoters.",
  })
  themeSuggestions(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('first', { type: () => Int, nullable: true, description: '1–100, default 20.' })
    first?: number | null,
  ) {
    return this.themes.suggestions(principal, environment.id, { from, to, first });
  }

  @ResolveField(() => ThemeActivityModel, {
    complexity: 20,
    description:
      'Matched respondents whose comment mentions the theme vs those who commented without it: mean count of each event type in the windowDays before the response, with a Welch interval.',
  })
  themeActivity(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('theme', { type: () => ID }) theme: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('windowDays', { type: () => Int, nullable: true, description: '1–365, default 30.' })
    windowDays?: number | null,
  ) {
    return this.themes.activity(principal, environment.id, { theme, from, to, windowDays });
  }

  @ResolveField(() => [SentimentSplitModel], {
    complexity: 20,
    description: 'Positive, neutral and negative comments of promoters, passives and detractors.',
  })
  sentimentSplit(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
    @Args('dedupe', { type: () => Dedupe, nullable: true, defaultValue: Dedupe.ALL_RESPONSES })
    dedupe?: Dedupe,
  ) {
    return this.themes.sentimentSplit(principal, environment.id, { from, to, filter, dedupe });
  }
}
