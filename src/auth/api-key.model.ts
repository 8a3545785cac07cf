import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from './role';

registerEnumType(Role, {
  name: 'Role',
  description: 'INGEST < ANALYST < ARCHITECT < ADMIN; each can do what the ones before can.',
  valuesMap: {
    INGEST: { description: 'Write users, properties and events only.' },
    ANALYST: { description: 'Read analytics and user data of its environment.' },
    ARCHITECT: { description: 'Configure sources and read everything of its environment.' },
    ADMIN: { description: 'Everything; a global ADMIN key reaches every environment.' },
  },
});

@ObjectType('ApiKey', { description: 'An API key without its secret.' })
export class ApiKeyModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Null for global ADMIN keys.' })
  environmentId!: string | null;

  @Field({ description: 'First characters of the secret, to recognise it.' })
  keyPrefix!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute.' })
  lastUsedAt!: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyModel {
  @Field(() => ID)
  id!: string;

  @Field({
    description:
      'The secret: shown this once, store it now. Send as "Authorization: Bearer <key>".',
  })
  key!: string;

  @Field(() => ApiKeyModel)
  apiKey!: ApiKeyModel;
}
