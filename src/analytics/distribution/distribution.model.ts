import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ScoreDistribution', {
  description: 'How the NPS responses of a range spread over the scores 0…10 (docs/nps-method.md).',
})
export class ScoreDistributionModel {
  @Field()
  from!: Date;

  @Field()
  to!: Date;

  @Field(() => Int)
  responses!: number;

  @Field(() => [Int], { description: '11 entries: responses that scored 0, 1, …, 10.' })
  counts!: number[];

  @Field(() => [Float], { description: 'counts ÷ responses (0–1), 11 entries; 0 when empty.' })
  shares!: number[];

  @Field(() => Float, { nullable: true })
  mean!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The middle score; with an even count the mean of the two middle ones.',
  })
  median!: number | null;
}
