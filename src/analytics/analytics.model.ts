import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../common/connection.model';
import { JsonScalar } from '../graphql/json.scalar';
import { NpsSegment } from './analytics.input';

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

@ObjectType('NpsFigures')
export class NpsPeriodModel extends NpsFiguresModel {
  @Field()
  from!: Date;

  @Field()
  to!: Date;
}

@ObjectType('NpsChange')
export class NpsChangeModel {
  @Field(() => Float, { nullable: true, description: 'This period minus the previous one.' })
  difference!: number | null;

  @Field(() => Float, { nullable: true })
  ciLow!: number | null;

  @Field(() => Float, { nullable: true })
  ciHigh!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The 95 % interval of the difference excludes 0.',
  })
  significant!: boolean | null;
}

@ObjectType('NpsSummary')
export class NpsSummaryModel extends NpsFiguresModel {
  @Field()
  from!: Date;

  @Field()
  to!: Date;

  @Field(() => NpsPeriodModel, {
    nullable: true,
    description: 'The period of equal length before, with compareToPrevious.',
  })
  previous!: NpsPeriodModel | null;

  @Field(() => NpsChangeModel, { nullable: true })
  change!: NpsChangeModel | null;
}

@ObjectType('NpsTrendPoint')
export class NpsTrendPointModel extends NpsFiguresModel {
  @Field()
  bucketStart!: Date;

  @Field()
  bucketEnd!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Engagement tier label ("0", "1–4", …, "unknown") with engagement.',
  })
  tier!: string | null;
}

@ObjectType('NpsTrendSeries')
export class NpsTrendSeriesModel {
  @Field(() => String, { nullable: true })
  tier!: string | null;

  @Field(() => [NpsTrendPointModel])
  points!: NpsTrendPointModel[];
}

@ObjectType('NpsTrend')
export class NpsTrendModel {
  @Field()
  timezone!: string;

  @Field(() => [NpsTrendPointModel], { description: 'By bucket, then tier.' })
  points!: NpsTrendPointModel[];

  @Field(() => [NpsTrendSeriesModel], {
    description: 'One series per tier (one series without engagement).',
  })
  series!: NpsTrendSeriesModel[];
}

@ObjectType('SegmentCount')
export class SegmentCountModel {
  @Field(() => NpsSegment)
  segment!: NpsSegment;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'count / respondents; null when there are none.',
  })
  share!: number | null;
}

@ObjectType('MatchedUser')
export class MatchedUserModel {
  @Field()
  identity!: string;

  @Field(() => JsonScalar)
  properties!: Record<string, string | number>;
}

@ObjectType('SegmentMember')
export class SegmentMemberModel {
  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  personId!: string | null;

  @Field(() => Int)
  score!: number;

  @Field()
  respondedAt!: Date;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => MatchedUserModel, { nullable: true })
  user!: MatchedUserModel | null;
}

@ObjectType('SegmentMemberConnection')
export class SegmentMemberConnection extends ConnectionType(SegmentMemberModel, 'SegmentMember') {}

@ObjectType('SegmentComparisonRow')
export class SegmentComparisonRowModel {
  @Field(() => NpsSegment)
  segment!: NpsSegment;

  @Field(() => Int)
  members!: number;

  @Field(() => Int, { description: 'Members matched to a user (only they can have events).' })
  matchedMembers!: number;

  @Field(() => Int)
  membersWithEvent!: number;

  @Field(() => Float, { nullable: true, description: 'membersWithEvent / matchedMembers.' })
  share!: number | null;

  @Field(() => Float, { nullable: true, description: 'Events per matched member in the window.' })
  meanCount!: number | null;
}

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
