import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar';
import { ConnectionType } from '../common/connection.model';

@ObjectType('AuditActor')
export class AuditActorModel {
  @Field({ description: 'member, api-key, bootstrap, embed or anonymous.' })
  kind!: string;

  @Field(() => ID, { nullable: true, description: "The member's or key's id." })
  id!: string | null;

  @Field({ description: 'What a reader recognises: an email, a key name.' })
  label!: string;
}

@ObjectType('AuditEntry', { description: 'One thing someone did; entries are never changed.' })
export class AuditEntryModel {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: Date;

  @Field(() => AuditActorModel)
  actor!: AuditActorModel;

  @Field({ description: 'e.g. api_key.create, member.invite, auth.login_failed.' })
  action!: string;

  @Field(() => String, { nullable: true, description: 'What it was done to, e.g. member:<id>.' })
  target!: string | null;

  @Field(() => ID, { nullable: true, description: 'Null for global actions.' })
  environmentId!: string | null;

  @Field(() => JsonScalar, { description: 'Plain facts; never a secret.' })
  details!: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  ip!: string | null;
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnection extends ConnectionType(AuditEntryModel, 'AuditEntry') {}
