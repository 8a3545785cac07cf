import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../auth/role';

@ObjectType('MemberEnvironmentRole')
export class MemberEnvironmentRoleModel {
  @Field(() => ID)
  environmentId!: string;

  @Field(() => Role)
  role!: Role;
}

@ObjectType('Member', {
  description: 'A person who signs in (the tracked product users are User).',
})
export class MemberModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  name!: string;

  @Field({ description: 'A global ADMIN: ADMIN of every environment.' })
  owner!: boolean;

  @Field(() => Role, {
    nullable: true,
    description:
      'Role in the environment asked about (ADMIN for owners); null when listing all members.',
  })
  role!: Role | null;

  @Field(() => [MemberEnvironmentRoleModel])
  roles!: MemberEnvironmentRoleModel[];

  @Field({ description: 'False for members who only sign in by SSO.' })
  hasPassword!: boolean;

  @Field()
  createdAt!: Date;
}

@ObjectType('Invitation')
export class InvitationModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Null: an invitation to be an owner.' })
  environmentId!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  expiresAt!: Date;

  @Field({ description: 'Who invited (email or key name).' })
  invitedBy!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The single-use link; only when just created (the token is not kept).',
  })
  acceptUrl!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the link was emailed (SMTP_URL set); only when just created.',
  })
  emailed!: boolean | null;
}

@ObjectType('PasswordResetLink')
export class PasswordResetLinkModel {
  @Field(() => ID)
  memberId!: string;

  @Field({ description: 'Single-use link to pass on; it works for an hour.' })
  url!: string;

  @Field()
  expiresAt!: Date;

  @Field({ description: 'Whether it was also emailed to the member.' })
  emailed!: boolean;
}

@ObjectType('ViewerMember')
export class ViewerMemberModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  name!: string;

  @Field()
  owner!: boolean;
}

@ObjectType('ViewerEnvironment')
export class ViewerEnvironmentModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Role)
  role!: Role;
}
