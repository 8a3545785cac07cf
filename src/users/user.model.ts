import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../common/connection.model';
import { JsonScalar } from '../graphql/json.scalar';

@ObjectType('User')
export class UserModel {
  /** Internal id, used to resolve the user's events. */
  @Field(() => ID)
  id!: string;

  /** Owning environment, carried for nested resolvers' access checks. */
  environmentId!: string;

  @Field({ description: 'The identity sent to /api/track (case-sensitive).' })
  identity!: string;

  @Field(() => JsonScalar, { description: 'User properties: names to strings or numbers.' })
  properties!: Record<string, string | number>;

  @Field()
  firstSeen!: Date;

  @Field()
  lastSeen!: Date;
}

@ObjectType('UserConnection')
export class UserConnection extends ConnectionType(UserModel, 'User') {}
