import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { connectionComplexity } from '../../common/connection.model';
import { parseEnvironmentId } from '../../common/environment-id';
import { EnvironmentModel } from '../../environments/environment.model';
import { TestAlertService } from '../destinations/test-alert.service';
import { AlertEvaluationService } from '../evaluation/alert-evaluation.service';
import { AlertDestinationInput } from '../rules/alert-rule.input';
import { AlertTestResultModel } from '../rules/alert-rule.model';
import { AlertEventConnection, AlertEventModel } from './alert-event.model';
import { AlertEventsService } from './alert-events.service';

/** Environment.alertEvents (ANALYST+); evaluateAlerts and sendTestAlert (ADMIN/ARCHITECT). */
@Resolver(() => EnvironmentModel)
export class AlertEventsResolver {
  constructor(
    private readonly events: AlertEventsService,
    private readonly evaluation: AlertEvaluationService,
    private readonly tests: TestAlertService,
  ) {}

  @ResolveField(() => AlertEventConnection, {
    complexity: connectionComplexity,
    description: 'Newest first, with each delivery and its status.',
  })
  alertEvents(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('ruleId', { type: () => ID, nullable: true }) ruleId?: string | null,
  ) {
    return this.events.list(principal, environment.id, { first, after, ruleId });
  }

  @Mutation(() => [AlertEventModel], {
    description:
      'ADMIN/ARCHITECT. Evaluates every rule of the environment now (as the schedule does); the events it created.',
  })
  async evaluateAlerts(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
  ): Promise<AlertEventModel[]> {
    const id = parseEnvironmentId(environmentId, 'environmentId');
    const created = await this.evaluation.evaluateAlerts(principal, id);
    return this.events.toModels(id, created);
  }

  @Mutation(() => AlertTestResultModel, {
    description:
      'ADMIN/ARCHITECT. Sends a sample alert now to a saved destination (destinationId) or to one given here.',
  })
  sendTestAlert(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('destinationId', { type: () => ID, nullable: true }) destinationId?: string | null,
    @Args('destination', { type: () => AlertDestinationInput, nullable: true })
    destination?: AlertDestinationInput | null,
  ) {
    return this.tests.send(principal, parseEnvironmentId(environmentId, 'environmentId'), {
      destinationId,
      destination,
    });
  }
}
