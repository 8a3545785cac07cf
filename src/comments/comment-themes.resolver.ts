import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { EnvironmentModel } from '../environments/environment.model';
import { CommentAnalysisService } from './comment-analysis.service';
import { CommentAnalysisProgressModel, ThemeInput, ThemeModel } from './comment-themes.model';
import { CommentThemesService } from './comment-themes.service';

/** The theme dictionary and the analysis job: Environment.themes, commentAnalysis and mutations. */
@Resolver(() => EnvironmentModel)
export class CommentThemesResolver {
  constructor(
    private readonly dictionary: CommentThemesService,
    private readonly analysis: CommentAnalysisService,
  ) {}

  @ResolveField(() => [ThemeModel], { description: 'The theme dictionary, in its order.' })
  themes(@CurrentPrincipal() principal: Principal | null, @Parent() environment: EnvironmentModel) {
    return this.dictionary.list(principal, environment.id);
  }

  @ResolveField(() => CommentAnalysisProgressModel, {
    nullable: true,
    description: 'Progress of the job analysing stored comments; null when none was needed.',
  })
  commentAnalysis(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
  ) {
    return this.analysis.progress(principal, environment.id);
  }

  @Mutation(() => [ThemeModel], {
    description:
      'ADMIN/ARCHITECT. Replaces the theme dictionary (themes keep their id while their name stays) and restarts the analysis of stored comments.',
  })
  setThemes(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('themes', { type: () => [ThemeInput] }) themes: ThemeInput[],
  ) {
    return this.dictionary.set(principal, environmentId, themes);
  }

  @Mutation(() => CommentAnalysisProgressModel, {
    nullable: true,
    description:
      'ADMIN/ARCHITECT. Runs the comment analysis job now, for at most maxComments comments (all by default), as the schedule does.',
  })
  runCommentAnalysis(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('maxComments', { type: () => Int, nullable: true }) maxComments?: number | null,
  ) {
    return this.analysis.runNow(principal, environmentId, maxComments);
  }
}
