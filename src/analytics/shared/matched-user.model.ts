import { Field, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../graphql/json.scalar';

/** The user a response is matched to, as segment members and response lists show it. */
@ObjectType('MatchedUser')
export class MatchedUserModel {
  @Field()
  identity!: string;

  @Field(() => JsonScalar)
  properties!: Record<string, string | number>;
}

/** The matched-user columns of a member or response row. */
export interface MatchedUserColumns {
  userIdentity: string | null;
  userProperties: Record<string, string | number> | null;
  userId: string | null;
}

/** The row's matched user, null when the response has none. */
export function matchedUser(row: MatchedUserColumns): MatchedUserModel | null {
  return row.userIdentity
    ? { identity: row.userIdentity, properties: row.userProperties ?? {} }
    : null;
}
