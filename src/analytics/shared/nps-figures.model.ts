import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

/** The figures of one set of NPS responses (docs/nps-method.md), shared by summaries and trend points. */
@ObjectType({ isAbstract: true })
export class NpsFiguresModel {
  @Field(() => Int)
  responses!: number;

  @Field(() => Int)
  promoters!: number;

  @Field(() => Int)
  passives!: number;

  @Field(() => Int)
  detractors!: number;

  @Field(() => Float, { nullable: true, description: '100·(P − D)/n, unrounded; null when n = 0.' })
  nps!: number | null;

  @Field(() => Float, { nullable: true })
  averageScore!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '95 % adjusted-Wald interval (nps-method.md).',
  })
  ciLow!: number | null;

  @Field(() => Float, { nullable: true })
  ciHigh!: number | null;

  @Field(() => Float, { nullable: true })
  marginOfError!: number | null;
}
