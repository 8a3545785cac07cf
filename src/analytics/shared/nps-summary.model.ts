import { Field, Float, ObjectType } from '@nestjs/graphql';
import { NpsFiguresModel } from './nps-figures.model';

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
