import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { parseEnvironmentId } from '../../common/environment-id';
import { EnvironmentModel } from '../../environments/environment.model';
import { AlertPreviewModel } from '../events/alert-event.model';
import { AlertPreviewService } from '../evaluation/alert-preview.service';
import { AlertRuleInput } from './alert-rule.input';
import { AlertRuleModel } from './alert-rule.model';
import { AlertRulesService } from './alert-rules.service';

/** Alert rules: Environment.alertRules and alertPreview (ANALYST+); create/update/delete (ADMIN/ARCHITECT). */
@Resolver(() => EnvironmentModel)
export class AlertRulesResolver {
  constructor(
    private readonly rules: AlertRulesService,
    private readonly previews: AlertPreviewService,
  ) {}

  @ResolveField(() => [AlertRuleModel], { complexity: 10, description: 'Oldest first.' })
  alertRules(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
  ) {
    return this.rules.list(principal, environment.id);
  }

  @ResolveField(() => AlertPreviewModel, {
    complexity: 50,
    description:
      'What the rule would have fired over the last 90 days (destinations are not needed here).',
  })
  alertPreview(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('input', { type: () => AlertRuleInput }) input: AlertRuleInput,
  ) {
    return this.previews.preview(principal, environment.id, input);
  }

  @Mutation(() => AlertRuleModel, {
    description:
      'ADMIN/ARCHITECT. Each new WEBHOOK destination answers its signing secret once (signingSecret).',
  })
  createAlertRule(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('input', { type: () => AlertRuleInput }) input: AlertRuleInput,
  ) {
    return this.rules.create(principal, parseEnvironmentId(environmentId, 'environmentId'), input);
  }

  @Mutation(() => AlertRuleModel, {
    description:
      'ADMIN/ARCHITECT. Destinations equal to a saved one keep it (and its secret); the rule re-arms.',
  })
  updateAlertRule(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => AlertRuleInput }) input: AlertRuleInput,
  ) {
    return this.rules.update(
      principal,
      parseEnvironmentId(environmentId, 'environmentId'),
      id,
      input,
    );
  }

  @Mutation(() => Boolean, { description: 'ADMIN/ARCHITECT. Its events and deliveries go too.' })
  deleteAlertRule(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('id', { type: () => ID }) id: string,
  ) {
    return this.rules.delete(principal, parseEnvironmentId(environmentId, 'environmentId'), id);
  }
}
