import { Field, Int, ObjectType } from '@nestjs/graphql';

/** What an import stored: counted per response of the file. */
@ObjectType('ImportResult')
export class ImportResultModel {
  @Field(() => Int, { description: 'Responses in the file.' })
  responses!: number;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Already stored at the same or a newer version.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Responses matched to a user by this import.' })
  matched!: number;
}
