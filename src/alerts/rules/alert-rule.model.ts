import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AlertKindValue, DestinationKindValue } from './alert-rule.input';

export enum AlertStateValue {
  ARMED = 'ARMED',
  FIRING = 'FIRING',
}
registerEnumType(AlertStateValue, {
  name: 'AlertState',
  valuesMap: {
    ARMED: { description: 'The next evaluation where the condition holds fires.' },
    FIRING: { description: 'The condition held at the last evaluation; it fired once.' },
  },
});

@ObjectType('AlertFilterCondition')
export class AlertFilterConditionModel {
  @Field()
  property!: string;

  @Field(() => String, { nullable: true })
  equals!: string | null;

  @Field(() => [String], { nullable: true })
  in!: string[] | null;

  @Field(() => Boolean, { nullable: true })
  exists!: boolean | null;
}

@ObjectType('AlertDestination')
export class AlertDestinationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => DestinationKindValue)
  kind!: DestinationKindValue;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  to!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'WEBHOOK: the `whsec_…` signing secret, only in the answer of the mutation that created the destination; never readable later.',
  })
  signingSecret!: string | null;
}

@ObjectType('AlertRule')
export class AlertRuleModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => AlertKindValue)
  kind!: AlertKindValue;

  @Field(() => [AlertFilterConditionModel], {
    description: 'The user filter, conditions ANDed; empty: every response.',
  })
  filter!: AlertFilterConditionModel[];

  @Field(() => Int)
  windowDays!: number;

  @Field(() => Int)
  baselineDays!: number;

  @Field(() => Int)
  minResponses!: number;

  @Field(() => Float)
  minChangePoints!: number;

  @Field(() => Float)
  confidence!: number;

  @Field()
  commentRequired!: boolean;

  @Field(() => String, { nullable: true })
  schedule!: string | null;

  @Field(() => AlertStateValue)
  state!: AlertStateValue;

  @Field(() => Date, { nullable: true, description: 'DIGEST: when the next digest is due.' })
  nextDigestAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastEvaluatedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field(() => [AlertDestinationModel])
  destinations!: AlertDestinationModel[];
}

@ObjectType('AlertTestResult')
export class AlertTestResultModel {
  @Field()
  delivered!: boolean;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the answer (WEBHOOK, SLACK).' })
  status!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field({ description: 'The webhook-id (or X-Alert-Id of the email) of the sample.' })
  webhookId!: string;
}
