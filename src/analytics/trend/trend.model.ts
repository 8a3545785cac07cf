import { Field, Int, ObjectType } from '@nestjs/graphql';
import { NpsFiguresModel } from '../shared/nps-figures.model';

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

@ObjectType('NpsTrendTier', {
  description: 'One engagement tier over the whole range [from, to): its NPS, interval and n.',
})
export class NpsTrendTierModel extends NpsFiguresModel {
  @Field({ description: 'Tier label ("0–3", "4–10", "11+", …, "unknown").' })
  tier!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Fewest events in the tier (inclusive); null for unknown.',
  })
  minEvents!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Most events in the tier (inclusive); null for the open top tier and unknown.',
  })
  maxEvents!: number | null;
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

  @Field(() => [Int], {
    nullable: true,
    description:
      'The tier thresholds used (given, default or automatic quartiles); null without engagement.',
  })
  thresholds!: number[] | null;

  @Field(() => [NpsTrendTierModel], {
    description:
      'With engagement: each tier over the whole range, in tier order, then unknown; empty without.',
  })
  tiers!: NpsTrendTierModel[];
}
