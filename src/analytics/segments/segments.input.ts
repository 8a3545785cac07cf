import { Field, InputType, Int } from '@nestjs/graphql';

/**
 * A member condition on one activity in the window before the member's latest response, as the
 * activity correlations count it: for a driver's "detractors who did not" or "promoters who did".
 */
@InputType()
export class SegmentActivityInput {
  @Field({ description: 'An event type the environment has tracked (see eventTypes).' })
  eventType!: string;

  @Field({
    description:
      'true: members who did it at least once in the window; false: matched members who did not. Members not matched to a user have no activity and are never listed.',
  })
  did!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Days before the latest response counted (1–365, default 30).',
  })
  windowDays?: number | null;
}
