import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/connection.model';

export enum DelightedSourceStatusValue {
  WAITING_FOR_DATA = 'WAITING_FOR_DATA',
  CONNECTED = 'CONNECTED',
  ERROR = 'ERROR',
  DISCONNECTED = 'DISCONNECTED',
  DEMO_OFFLINE = 'DEMO_OFFLINE',
}
registerEnumType(DelightedSourceStatusValue, {
  name: 'DelightedSourceStatus',
  valuesMap: {
    WAITING_FOR_DATA: { description: 'Connected; no response stored yet.' },
    CONNECTED: { description: 'Responses are flowing.' },
    ERROR: { description: 'The last run failed: see lastError.' },
    DISCONNECTED: { description: 'Disconnected; stored responses stay.' },
    DEMO_OFFLINE: {
      description:
        "The demo's source, and its simulator is not running (it runs only with `npm run demo`): sync is skipped, not retried. See notice.",
    },
  },
});

export enum DelightedSourceOriginValue {
  API = 'API',
  DEMO = 'DEMO',
}
registerEnumType(DelightedSourceOriginValue, {
  name: 'DelightedSourceOrigin',
  valuesMap: {
    API: { description: 'Connected with connectDelighted.' },
    DEMO: { description: 'Connected by `npm run demo` to its bundled Delighted simulator.' },
  },
});

/** What a demo source whose simulator is not running says, as notice and as its skipped run's error. */
export const DEMO_SOURCE_OFFLINE =
  'Demo source: its simulator runs only with `npm run demo`, so sync is skipped. Start the demo again, or connect a real Delighted key.';

export enum SyncRunOutcomeValue {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(SyncRunOutcomeValue, { name: 'SyncRunOutcome' });

@ObjectType('BackfillProgress')
export class BackfillProgressModel {
  @Field(() => Int)
  responsesDone!: number;

  @Field(() => Int)
  pagesDone!: number;

  @Field(() => Int, {
    nullable: true,
    description: "Delighted's NPS response count at connect time (an estimate).",
  })
  estimatedTotal!: number | null;

  @Field(() => Float, { description: '0–100; 100 only once the backfill has finished.' })
  percent!: number;

  @Field(() => Date, { nullable: true, description: 'Expected end, from the rate so far.' })
  eta!: Date | null;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

@ObjectType('SyncRun')
export class SyncRunModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'CONNECT, SCHEDULE, MANUAL or STARTUP (a demo source checked at start).' })
  trigger!: string;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => SyncRunOutcomeValue)
  outcome!: SyncRunOutcomeValue;

  @Field(() => Int)
  pages!: number;

  @Field(() => Int)
  responsesFetched!: number;

  @Field(() => Int)
  responsesInserted!: number;

  @Field(() => Int)
  responsesUpdated!: number;

  @Field(() => Int, {
    description: 'Requests retried after 429, 5xx, timeouts or malformed pages.',
  })
  retries!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

@ObjectType('SyncRunConnection')
export class SyncRunConnection extends ConnectionType(SyncRunModel, 'SyncRun') {}

@ObjectType('DelightedSource')
export class DelightedSourceModel {
  /** Carried for nested resolvers' access checks. */
  environmentId!: string;

  @Field(() => DelightedSourceStatusValue)
  status!: DelightedSourceStatusValue;

  @Field(() => DelightedSourceOriginValue)
  origin!: DelightedSourceOriginValue;

  @Field(() => String, {
    nullable: true,
    description:
      'A plain sentence about the state, for people (e.g. a demo source whose simulator is not running); null when there is nothing to say.',
  })
  notice!: string | null;

  @Field()
  apiUrl!: string;

  @Field({ description: 'Last four characters of the API key; the key itself is never returned.' })
  apiKeyLast4!: string;

  @Field()
  connectedAt!: Date;

  @Field(() => Date, { nullable: true })
  firstResponseAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastSyncAt!: Date | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => BackfillProgressModel)
  backfill!: BackfillProgressModel;
}
