import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { NpsSegment } from '../shared/analytics.input';
import { MatchedUserModel } from '../shared/matched-user.model';
import type { ResponseScope } from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';

@ObjectType('SegmentTransitionCell')
export class SegmentTransitionCellModel {
  @Field(() => NpsSegment, { description: 'Segment of the earlier response of the pair.' })
  from!: NpsSegment;

  @Field(() => NpsSegment, { description: 'Segment of the later one.' })
  to!: NpsSegment;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'count ÷ pairs with the same from; null when none start there.',
  })
  share!: number | null;
}

@ObjectType('SegmentTransitionPair', {
  description: 'Two consecutive responses of one respondent.',
})
export class SegmentTransitionPairModel {
  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  personId!: string | null;

  @Field(() => Int)
  previousScore!: number;

  @Field()
  previousAt!: Date;

  @Field(() => Int)
  score!: number;

  @Field()
  respondedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Of the later response.' })
  comment!: string | null;

  @Field(() => MatchedUserModel, { nullable: true })
  user!: MatchedUserModel | null;
}

@ObjectType('SegmentTransitions', {
  description:
    'Consecutive pairs of NPS responses of each respondent in the range (docs/nps-method.md).',
})
export class SegmentTransitionsModel {
  @Field(() => Int, { description: 'Respondents with two or more NPS responses in the range.' })
  respondents!: number;

  @Field(() => Int)
  pairs!: number;

  @Field(() => [SegmentTransitionCellModel], {
    description: 'All 9 cells, promoter → passive → detractor, from-major.',
  })
  cells!: SegmentTransitionCellModel[];

  /** What `pairsOf` reads again: the question's scope and range (not a GraphQL field). */
  query!: { scope: ResponseScope; range: TimeWindow };
}
