import { Field, InputType } from '@nestjs/graphql';
import type { UserFilterConditions, UserPropertyCondition } from '../store/user-filter.sql';

@InputType('UserPropertyCondition', {
  description: 'One condition on a user property; give exactly one of equals, in, exists.',
})
export class UserPropertyConditionInput implements UserPropertyCondition {
  @Field({ description: 'User property name, e.g. "plan".' })
  property!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Value as text: numbers compare by their text, e.g. "42".',
  })
  equals?: string | null;

  @Field(() => [String], { nullable: true })
  in?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: the user has the property; false: does not.',
  })
  exists?: boolean | null;
}

@InputType({ description: 'User-property conditions, all of which must hold (AND).' })
export class UserFilter implements UserFilterConditions {
  @Field(() => [UserPropertyConditionInput])
  conditions!: UserPropertyConditionInput[];
}

@InputType({ description: 'Shorthand for an equals condition.' })
export class PropertyEqualsInput {
  @Field()
  property!: string;

  @Field()
  value!: string;
}
