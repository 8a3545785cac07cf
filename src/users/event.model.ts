import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../common/connection.model';
import { JsonScalar } from '../graphql/json.scalar';

@ObjectType('Event')
export class EventModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  time!: Date;

  @Field(() => JsonScalar)
  properties!: Record<string, unknown>;

  @Field({ description: 'Where it came from: api, delighted, import, …' })
  source!: string;
}

@ObjectType('EventConnection')
export class EventConnection extends ConnectionType(EventModel, 'Event') {}

@ObjectType('EventType')
export class EventTypeModel {
  @Field()
  name!: string;

  @Field(() => Int)
  count!: number;

  @Field()
  lastSeen!: Date;
}
