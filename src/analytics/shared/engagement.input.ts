import { Field, InputType, Int } from '@nestjs/graphql';

/** How engagement tiers are cut: npsTrend's `engagement` and npsChange's `by.engagement`. */
@InputType()
export class EngagementInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Days before each response counted (1–365, default 30).',
  })
  windowDays?: number | null;

  @Field(() => [Int], {
    nullable: true,
    description: 'Ascending tier thresholds (default [1, 5, 20]); not with automatic.',
  })
  thresholds?: number[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Tiers from the quartiles of the activity counts of the range's matched responses (docs/nps-method.md), answered in NpsTrend.thresholds; fewer tiers when quartiles tie. Not with thresholds.",
  })
  automatic?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Event types counted (default: all but Submit Survey).',
  })
  eventTypes?: string[] | null;
}
