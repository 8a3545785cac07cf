import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/connection.model';
import { AlertKindValue, DestinationKindValue } from '../rules/alert-rule.input';

@ObjectType('AlertWindowFigures', { description: 'NPS of one window [from, to), 95 % interval.' })
export class AlertWindowFiguresModel {
  @Field() from!: Date;
  @Field() to!: Date;
  @Field(() => Int) responses!: number;
  @Field(() => Int) promoters!: number;
  @Field(() => Int) passives!: number;
  @Field(() => Int) detractors!: number;
  @Field(() => Float, { nullable: true }) nps!: number | null;
  @Field(() => Float, { nullable: true }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
}

@ObjectType('AlertChange', { description: 'current − baseline, interval at the rule confidence.' })
export class AlertChangeModel {
  @Field(() => Float, { nullable: true }) difference!: number | null;
  @Field(() => Float, { nullable: true }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field(() => Boolean, { nullable: true }) significant!: boolean | null;
  @Field(() => Float) confidence!: number;
}

@ObjectType('AlertResponse', { description: 'The response of a DETRACTOR_RESPONSE alert.' })
export class AlertResponseModel {
  @Field() responseId!: string;
  @Field(() => Int) score!: number;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) userIdentity!: string | null;
  @Field(() => String, { nullable: true }) permalink!: string | null;
  @Field() respondedAt!: Date;
}

@ObjectType('AlertDigestActivity')
export class AlertDigestActivityModel {
  @Field() eventType!: string;
  @Field(() => Float, { nullable: true }) promoterRateWith!: number | null;
  @Field(() => Float, { nullable: true }) promoterRateWithout!: number | null;
  @Field(() => Float, { nullable: true }) npsDifference!: number | null;
}

@ObjectType('AlertDigestComment')
export class AlertDigestCommentModel {
  @Field(() => Int) score!: number;
  @Field() comment!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field() respondedAt!: Date;
}

@ObjectType('AlertDigest')
export class AlertDigestModel {
  @Field(() => [AlertDigestActivityModel]) topActivities!: AlertDigestActivityModel[];
  @Field(() => [AlertDigestCommentModel]) promoterComments!: AlertDigestCommentModel[];
  @Field(() => [AlertDigestCommentModel]) detractorComments!: AlertDigestCommentModel[];
}

export enum DeliveryStatusValue {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatusValue, {
  name: 'AlertDeliveryStatus',
  valuesMap: {
    PENDING: { description: 'Not yet delivered; being sent or waiting for its next attempt.' },
    DELIVERED: { description: 'The destination accepted it.' },
    FAILED: { description: 'Given up: a refusal that will not change, or the last attempt.' },
  },
});

@ObjectType('AlertDelivery')
export class AlertDeliveryModel {
  @Field(() => ID) destinationId!: string;
  @Field(() => DestinationKindValue) kind!: DestinationKindValue;
  @Field({ description: 'Where: the URL origin of a WEBHOOK or SLACK, the address of an EMAIL.' })
  destination!: string;
  @Field(() => DeliveryStatusValue) status!: DeliveryStatusValue;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'PENDING: when it is tried next.' })
  nextAttemptAt!: Date | null;
}

@ObjectType('AlertEvent')
export class AlertEventModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) ruleId!: string;
  @Field() ruleName!: string;
  @Field(() => AlertKindValue) kind!: AlertKindValue;
  @Field({ description: 'When it was written.' }) firedAt!: Date;
  @Field({ description: 'The evaluation time T its figures are of.' }) evaluatedAt!: Date;
  @Field(() => AlertWindowFiguresModel, { nullable: true })
  current!: AlertWindowFiguresModel | null;
  @Field(() => AlertWindowFiguresModel, { nullable: true })
  baseline!: AlertWindowFiguresModel | null;
  @Field(() => AlertChangeModel, { nullable: true }) change!: AlertChangeModel | null;
  @Field(() => AlertResponseModel, { nullable: true }) response!: AlertResponseModel | null;
  @Field(() => AlertDigestModel, { nullable: true }) digest!: AlertDigestModel | null;
  @Field({ description: 'The dashboard place of the event.' }) dashboardUrl!: string;
  @Field(() => [AlertDeliveryModel]) deliveries!: AlertDeliveryModel[];
}

@ObjectType()
export class AlertEventConnection extends ConnectionType(AlertEventModel, 'AlertEvent') {}

@ObjectType('AlertPreviewFiring')
export class AlertPreviewFiringModel {
  @Field({ description: 'The past evaluation time T at which the rule would have fired.' })
  at!: Date;
  @Field(() => AlertWindowFiguresModel) current!: AlertWindowFiguresModel;
  @Field(() => AlertWindowFiguresModel) baseline!: AlertWindowFiguresModel;
  @Field(() => AlertChangeModel) change!: AlertChangeModel;
}

@ObjectType('AlertPreview', {
  description:
    'What a rule would have fired over the last 90 days: the live evaluation run at past times.',
})
export class AlertPreviewModel {
  @Field() from!: Date;
  @Field() to!: Date;
  @Field(() => Int, { description: 'Evaluation times looked at (one a day, oldest first).' })
  evaluations!: number;
  @Field(() => [AlertPreviewFiringModel], { description: 'NPS_DROP, NPS_RISE.' })
  firings!: AlertPreviewFiringModel[];
  @Field(() => Int, {
    description: 'DETRACTOR_RESPONSE: alerts it would have sent; DIGEST: digests; else firings.',
  })
  alerts!: number;
}
