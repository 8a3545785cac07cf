export type Role = 'INGEST' | 'ANALYST' | 'ARCHITECT' | 'ADMIN';
export type ViewName = 'OVERVIEW' | 'ENGAGEMENT' | 'DRIVERS' | 'SEGMENTS' | 'RESPONSES' | 'SOURCE';
export type EmbedViewName = Exclude<ViewName, 'SOURCE'>;
export type Interval = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';
export type Dedupe = 'ALL_RESPONSES' | 'LATEST_PER_PERSON';
export type Segment = 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';

export interface Condition {
  property: string;
  equals?: string;
  in?: string[];
  exists?: boolean;
}

export interface Environment {
  id: string;
  name: string;
  timezone: string;
  emailProperty?: string | null;
}

export interface Figures {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  averageScore: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  marginOfError: number | null;
}

export interface Summary extends Figures {
  from: string;
  to: string;
  previous: (Figures & { from: string; to: string }) | null;
  change: {
    difference: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    significant: boolean | null;
  } | null;
}

export interface TrendPoint extends Figures {
  bucketStart: string;
  bucketEnd: string;
  tier: string | null;
}

export interface Trend {
  timezone: string;
  points: TrendPoint[];
  series: Array<{ tier: string | null; points: TrendPoint[] }>;
}

export interface SegmentCount {
  segment: Segment;
  count: number;
  share: number | null;
}

export interface MatchedUser {
  identity: string;
  properties: Record<string, unknown>;
}

export interface SegmentMember {
  email: string | null;
  personId: string | null;
  score: number;
  respondedAt: string;
  comment: string | null;
  user: MatchedUser | null;
}

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string; node: T }>;
}

export interface Correlation {
  eventType: string;
  observations: number;
  usersWith: number;
  usersWithout: number;
  pearson: number | null;
  pValue: number | null;
  qValue: number | null;
  spearman: number | null;
  npsWith: number | null;
  npsWithout: number | null;
  npsDifference: number | null;
  npsDifferenceCiLow: number | null;
  npsDifferenceCiHigh: number | null;
  promoterRateWith: number | null;
  promoterRateWithout: number | null;
}

export interface ComparisonRow {
  segment: Segment;
  members: number;
  matchedMembers: number;
  membersWithEvent: number;
  share: number | null;
  meanCount: number | null;
}

export interface SurveyResponse {
  responseId: string;
  score: number;
  comment: string | null;
  email: string | null;
  personId: string | null;
  respondedAt: string;
  surveyType: string;
  isNps: boolean;
  permalink: string | null;
  source: string;
  user: { identity: string } | null;
}

export interface EventType {
  name: string;
  count: number;
  lastSeen: string;
}

export type SourceStatus = 'CONNECTED' | 'DISCONNECTED' | 'ERROR' | 'WAITING_FOR_DATA';

export interface SyncRun {
  id: string;
  trigger: string;
  outcome: 'FAILED' | 'RUNNING' | 'SKIPPED' | 'SUCCEEDED';
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  responsesFetched: number;
  responsesInserted: number;
  responsesUpdated: number;
  retries: number;
  error: string | null;
}

export interface DelightedSource {
  status: SourceStatus;
  apiKeyLast4: string;
  apiUrl: string;
  lastError: string | null;
  lastSyncAt: string | null;
  connectedAt: string;
  firstResponseAt: string | null;
  backfill: {
    responsesDone: number;
    pagesDone: number;
    estimatedTotal: number | null;
    percent: number;
    eta: string | null;
    startedAt: string | null;
    completedAt: string | null;
  };
  syncRuns: Connection<SyncRun>;
}
