import { Field, ObjectType } from '@nestjs/graphql';
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
