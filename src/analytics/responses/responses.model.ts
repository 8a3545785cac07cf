import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/connection.model';
import { MatchedUserModel } from '../shared/matched-user.model';

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
}

@ObjectType('SurveyResponseConnection')
export class SurveyResponseConnection extends ConnectionType(
  SurveyResponseModel,
  'SurveyResponse',
) {}
