import { Args, ID, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { EnvironmentModel } from '../../environments/environment.model';
import { connectionComplexity } from '../../common/connection.model';
import { NpsSegment } from '../shared/analytics.input';
import { SentimentLabel, SurveyResponseConnection } from './responses.model';
import { ResponsesService } from './responses.service';

/** Environment.surveyResponses; ANALYST and above. */
@Resolver(() => EnvironmentModel)
export class ResponsesResolver {
  constructor(private readonly responses: ResponsesService) {}

  @ResolveField(() => SurveyResponseConnection, {
    complexity: connectionComplexity,
    description: 'Newest first, every survey type.',
  })
  surveyResponses(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
    @Args('segment', { type: () => NpsSegment, nullable: true }) segment?: NpsSegment | null,
    @Args('search', {
      type: () => String,
      nullable: true,
      description:
        'Full-text search of comments (English, web-search syntax: "quoted phrase", -word, or), best match first; emails and response or person ids match as substrings.',
    })
    search?: string | null,
    @Args('sentiment', { type: () => SentimentLabel, nullable: true })
    sentiment?: SentimentLabel | null,
    @Args('theme', {
      type: () => ID,
      nullable: true,
      description: 'Only responses whose comment mentions this theme.',
    })
    theme?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return this.responses.responses(principal, environment.id, {
      from,
      to,
      segment,
      search,
      sentiment,
      theme,
      first,
      after,
    });
  }
}
