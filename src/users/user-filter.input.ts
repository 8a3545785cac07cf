import { Field, InputType } from '@nestjs/graphql';

@InputType({
  description: 'One condition on a user property; give exactly one of equals, in, exists.',
})
export class UserPropertyCondition {
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
export class UserFilter {
  @Field(() => [UserPropertyCondition])
  conditions!: UserPropertyCondition[];
}

@InputType({ description: 'Shorthand for an equals condition.' })
export class PropertyEqualsInput {
  @Field()
  property!: string;

  @Field()
  value!: string;
}
