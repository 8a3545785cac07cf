import { Field, InputType } from '@nestjs/graphql';
import { EngagementInput } from '../shared/engagement.input';

/** How npsChange splits the responses into segments: exactly one of the two. */
@InputType()
export class BreakdownInput {
  @Field(() => EngagementInput, {
    nullable: true,
    description: 'Engagement tiers as in npsTrend, plus `unknown` for unmatched responses.',
  })
  engagement?: EngagementInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A user property: one segment per value; users without it and unmatched responses form `(none)`.',
  })
  property?: string | null;
}
