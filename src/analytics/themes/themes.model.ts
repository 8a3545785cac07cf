import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ThemeRef', { description: 'A theme of the dictionary, by id and name.' })
export class ThemeRefModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType('ThemeDifference', {
  description: 'npsWith − npsWithout, adjusted-Wald 95 % interval.',
})
export class ThemeDifferenceModel {
  @Field(() => Float, { nullable: true })
  difference!: number | null;

  @Field(() => Float, { nullable: true })
  ciLow!: number | null;

  @Field(() => Float, { nullable: true })
  ciHigh!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'The interval excludes 0.' })
  significant!: boolean | null;
}

@ObjectType('ThemeImpact', { description: 'docs/comment-analysis.md, "Impact".' })
export class ThemeImpactModel {
  @Field(() => ThemeRefModel)
  theme!: ThemeRefModel;

  @Field(() => Int, { description: 'NPS responses in scope whose comment mentions the theme.' })
  mentions!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'mentions ÷ responses in scope with a comment (0–1).',
  })
  shareOfComments!: number | null;

  @Field(() => Float, { nullable: true, description: 'NPS of the responses mentioning it.' })
  npsWith!: number | null;

  @Field(() => Float, { nullable: true, description: 'NPS of every other response in scope.' })
  npsWithout!: number | null;

  @Field(() => ThemeDifferenceModel)
  difference!: ThemeDifferenceModel;

  @Field(() => Float, {
    nullable: true,
    description:
      'NPS(all) − NPS(all but those mentioning it): points the theme costs (< 0) or adds.',
  })
  impact!: number | null;
}

@ObjectType('ThemeTrendPoint')
export class ThemeTrendPointModel {
  @Field()
  bucketStart!: Date;

  @Field()
  bucketEnd!: Date;

  @Field(() => Int, { description: 'NPS responses in the bucket.' })
  responses!: number;

  @Field(() => Int, { description: 'Of them, with a comment holding words.' })
  commented!: number;

  @Field(() => Int)
  mentions!: number;

  @Field(() => Float, { nullable: true, description: 'mentions ÷ commented (0–1).' })
  share!: number | null;
}

@ObjectType('ThemeSuggestion', {
  description: 'A word or phrase of detractors’ comments that no theme matches yet.',
})
export class ThemeSuggestionModel {
  @Field()
  phrase!: string;

  @Field(() => Int, { description: 'Detractor comments holding it.' })
  detractors!: number;

  @Field(() => Int, { description: 'Promoter comments holding it.' })
  promoters!: number;
}

@ObjectType('SentimentSplit', { description: 'Sentiment of commented responses of one segment.' })
export class SentimentSplitModel {
  @Field({ description: 'PROMOTER, PASSIVE or DETRACTOR.' })
  segment!: string;

  @Field(() => Int)
  commented!: number;

  @Field(() => Int)
  positive!: number;

  @Field(() => Int)
  neutral!: number;

  @Field(() => Int)
  negative!: number;

  @Field(() => Float, { nullable: true })
  meanScore!: number | null;
}

@ObjectType('ThemeActivityRow', {
  description: 'Mean count of one event type in the window before the response.',
})
export class ThemeActivityRowModel {
  @Field()
  eventType!: string;

  @Field(() => Float, { description: 'Respondents whose comment mentions the theme.' })
  meanWith!: number;

  @Field(() => Float, { description: 'Respondents who commented without mentioning it.' })
  meanWithout!: number;

  @Field(() => Float, { nullable: true })
  difference!: number | null;

  @Field(() => Float, { nullable: true, description: 'Welch 95 % interval of the difference.' })
  ciLow!: number | null;

  @Field(() => Float, { nullable: true })
  ciHigh!: number | null;
}

@ObjectType('ThemeActivity')
export class ThemeActivityModel {
  @Field(() => ThemeRefModel)
  theme!: ThemeRefModel;

  @Field(() => Int, { description: 'Matched respondents mentioning the theme.' })
  respondentsWith!: number;

  @Field(() => Int, { description: 'Matched respondents who commented without it.' })
  respondentsWithout!: number;

  @Field(() => Int)
  windowDays!: number;

  @Field(() => [ThemeActivityRowModel], { description: 'By the largest |difference| first.' })
  events!: ThemeActivityRowModel[];
}
