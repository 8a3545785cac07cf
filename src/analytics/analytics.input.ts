import { Field, InputType, Int, registerEnumType } from '@nestjs/graphql';

export enum Dedupe {
  ALL_RESPONSES = 'ALL_RESPONSES',
  LATEST_PER_PERSON = 'LATEST_PER_PERSON',
}
registerEnumType(Dedupe, {
  name: 'Dedupe',
  valuesMap: {
    ALL_RESPONSES: { description: 'Every response counts (as Delighted counts).' },
    LATEST_PER_PERSON: {
      description: "Only each respondent's latest response in each set counts.",
    },
  },
});

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

export enum NpsSegment {
  PROMOTER = 'PROMOTER',
  PASSIVE = 'PASSIVE',
  DETRACTOR = 'DETRACTOR',
}
registerEnumType(NpsSegment, {
  name: 'NpsSegment',
  description: 'Promoters 9–10, passives 7–8, detractors 0–6.',
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
