import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/connection.model';
import { NpsSegment } from '../shared/analytics.input';
import { MatchedUserModel } from '../shared/matched-user.model';

@ObjectType('SegmentCount')
export class SegmentCountModel {
  @Field(() => NpsSegment)
  segment!: NpsSegment;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'count / respondents; null when there are none.',
  })
  share!: number | null;
}

@ObjectType('SegmentMember')
export class SegmentMemberModel {
  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  personId!: string | null;

  @Field(() => Int)
  score!: number;

  @Field()
  respondedAt!: Date;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => MatchedUserModel, { nullable: true })
  user!: MatchedUserModel | null;
}

@ObjectType('SegmentMemberConnection')
export class SegmentMemberConnection extends ConnectionType(SegmentMemberModel, 'SegmentMember') {}

@ObjectType('SegmentComparisonRow')
export class SegmentComparisonRowModel {
  @Field(() => NpsSegment)
  segment!: NpsSegment;

  @Field(() => Int)
  members!: number;

  @Field(() => Int, { description: 'Members matched to a user (only they can have events).' })
  matchedMembers!: number;

  @Field(() => Int)
  membersWithEvent!: number;

  @Field(() => Float, { nullable: true, description: 'membersWithEvent / matchedMembers.' })
  share!: number | null;

  @Field(() => Float, { nullable: true, description: 'Events per matched member in the window.' })
  meanCount!: number | null;
}
