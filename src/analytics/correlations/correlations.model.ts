import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ActivityCorrelation')
export class ActivityCorrelationModel {
  @Field()
  eventType!: string;

  @Field(() => Int)
  observations!: number;

  @Field(() => Int)
  usersWith!: number;

  @Field(() => Int)
  usersWithout!: number;

  @Field(() => Float, { nullable: true })
  pearson!: number | null;

  @Field(() => Float, { nullable: true })
  pValue!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Benjamini–Hochberg over the event types of this answer.',
  })
  qValue!: number | null;

  @Field(() => Float, { nullable: true })
  spearman!: number | null;

  @Field(() => Float, { nullable: true })
  npsWith!: number | null;

  @Field(() => Float, { nullable: true })
  npsWithout!: number | null;

  @Field(() => Float, { nullable: true })
  npsDifference!: number | null;

  @Field(() => Float, { nullable: true })
  npsDifferenceCiLow!: number | null;

  @Field(() => Float, { nullable: true })
  npsDifferenceCiHigh!: number | null;

  @Field(() => Float, { nullable: true })
  promoterRateWith!: number | null;

  @Field(() => Float, { nullable: true })
  promoterRateWithout!: number | null;
}
