import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '../auth/role';

export enum EmbedView {
  OVERVIEW = 'OVERVIEW',
  ENGAGEMENT = 'ENGAGEMENT',
  DRIVERS = 'DRIVERS',
  SEGMENTS = 'SEGMENTS',
  RESPONSES = 'RESPONSES',
  WHY_IT_MOVED = 'WHY_IT_MOVED',
  ACCOUNTS = 'ACCOUNTS',
  COMMENTS = 'COMMENTS',
}
registerEnumType(EmbedView, { name: 'EmbedView' });

@ObjectType('EmbedLink')
export class EmbedLinkModel {
  @Field({
    description: 'Open or frame this URL; theme options may be added as a fragment (#theme=dark).',
  })
  url!: string;

  @Field({
    description: 'HS256 token; also a bearer credential for read-only GraphQL of the environment.',
  })
  token!: string;

  @Field()
  expiresAt!: Date;
}

@ObjectType('Viewer', { description: 'Who the credential of this request is.' })
export class ViewerModel {
  @Field({ description: 'api-key, bootstrap or embed.' })
  kind!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Null for global ADMIN keys.' })
  environmentId!: string | null;

  @Field(() => EmbedView, { nullable: true, description: 'For embed links: the view they show.' })
  embedView!: EmbedView | null;
}
