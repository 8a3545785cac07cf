import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Environment', { description: "One product's users, events and survey responses." })
export class EnvironmentModel {
  @Field(() => ID, { description: "Heap's app_id: send it as app_id to /api/track." })
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'IANA time zone used by default to cut calendar buckets.' })
  timezone!: string;

  @Field(() => String, {
    nullable: true,
    description: 'User property holding the email (or "identity"); set once, then immutable.',
  })
  emailProperty!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "User property naming a user's account (company id); see setAccountProperty.",
  })
  accountProperty!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Numeric user property holding an account's revenue (ARR): its users' largest value.",
  })
  revenueProperty!: string | null;

  @Field(() => [String], {
    description:
      'User properties npsChange breaks down by from a rollup; see setBreakdownProperties.',
  })
  breakdownProperties!: string[];

  @Field()
  createdAt!: Date;
}
