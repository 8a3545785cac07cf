import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { EnvironmentModel } from '../../environments/environment.model';
import { UserFilter } from '../../graphql/user-filter.input';
import { NpsSegment } from '../shared/analytics.input';
import { SegmentTransitionPairModel, SegmentTransitionsModel } from './transitions.model';
import { TransitionsService } from './transitions.service';

/** Environment.segmentTransitions; ANALYST and above. Figures follow docs/nps-method.md. */
@Resolver(() => EnvironmentModel)
export class TransitionsResolver {
  constructor(private readonly transitions: TransitionsService) {}

  @ResolveField(() => SegmentTransitionsModel, { complexity: 20 })
  segmentTransitions(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
  ) {
    return this.transitions.transitions(principal, environment.id, { from, to, filter });
  }
}

/** SegmentTransitions.pairsOf: who moved between two segments (the scope was checked above). */
@Resolver(() => SegmentTransitionsModel)
export class TransitionPairsResolver {
  constructor(private readonly transitions: TransitionsService) {}

  @ResolveField(() => [SegmentTransitionPairModel], {
    complexity: 20,
    description: 'The pairs of one cell (e.g. promoters who became detractors), the latest first.',
  })
  pairsOf(
    @Parent() parent: SegmentTransitionsModel,
    @Args('from', { type: () => NpsSegment }) from: NpsSegment,
    @Args('to', { type: () => NpsSegment }) to: NpsSegment,
    @Args('first', { type: () => Int, nullable: true, description: '1–100, default 20.' })
    first?: number | null,
  ) {
    return this.transitions.pairsOf(parent, from, to, first);
  }
}
