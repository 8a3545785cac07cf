import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/connection.model';
import { MatchedUserModel } from '../shared/matched-user.model';

export enum SentimentLabel {
  POSITIVE = 'POSITIVE',
  NEUTRAL = 'NEUTRAL',
  NEGATIVE = 'NEGATIVE',
}
registerEnumType(SentimentLabel, {
  name: 'SentimentLabel',
  description: 'POSITIVE at a score ≥ 0.05, NEGATIVE at ≤ −0.05, NEUTRAL between.',
});

@ObjectType('Sentiment', { description: 'docs/comment-analysis.md, "Sentiment".' })
export class SentimentModel {
  @Field(() => Float, { description: 'VADER compound score, −1 to 1.' })
  score!: number;

  @Field(() => SentimentLabel)
  label!: SentimentLabel;
}

@ObjectType('SurveyResponse')
export class SurveyResponseModel {
  @Field()
  responseId!: string;

  @Field()
  surveyType!: string;

  @Field(() => Int)
  score!: number;

  @Field({ description: 'Counts in NPS figures (survey type nps, score 0–10).' })
  isNps!: boolean;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => String, { nullable: true })
  permalink!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  personId!: string | null;

  @Field({ description: 'Delighted created_at.' })
  respondedAt!: Date;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;

  @Field()
  source!: string;

  @Field(() => MatchedUserModel, { nullable: true })
  user!: MatchedUserModel | null;

  @Field(() => SentimentModel, {
    nullable: true,
    description:
      'Null without a comment holding words, or until the comment analysis job reaches it.',
  })
  sentiment!: SentimentModel | null;

  @Field(() => [ID], {
    description: 'Ids of the themes its comment mentions (Environment.themes).',
  })
  themeIds!: string[];

  @Field(() => Float, {
    nullable: true,
    description: 'With a search: ts_rank of the comment (the list is sorted by it); else null.',
  })
  searchRank!: number | null;
}

@ObjectType('SurveyResponseConnection')
export class SurveyResponseConnection extends ConnectionType(
  SurveyResponseModel,
  'SurveyResponse',
) {}
