import { Field, InputType, Int, registerEnumType } from '@nestjs/graphql';

export enum Interval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(Interval, {
  name: 'Interval',
  description: 'Calendar buckets; WEEK is the ISO week (Monday).',
});

@InputType()
export class EngagementInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Days before each response counted (1–365, default 30).',
  })
  windowDays?: number | null;

  @Field(() => [Int], {
    nullable: true,
    description: 'Ascending tier thresholds (default [1, 5, 20]).',
  })
  thresholds?: number[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Event types counted (default: all but Submit Survey).',
  })
  eventTypes?: string[] | null;
}
