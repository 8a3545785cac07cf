import { type GraphQLSchema, isIntrospectionType, isObjectType } from 'graphql';
import { EMBED_VIEWS, type EmbedViewName } from '../auth/embed-token';
import { ALERT_FIELD_ACCESS } from './alert-field-access';

type Views = readonly EmbedViewName[];

/** Every view: what the shell of any embedded view asks (its environment, the "all time" probe). */
const ALL: Views = EMBED_VIEWS;
/** No embed link may select it. */
const NONE: Views = [];
/** The NPS trend chart. */
const TREND: Views = ['OVERVIEW', 'ENGAGEMENT'];
/** Responses as people (emails, comments, identities): only the views that list them. */
const MEMBERS: Views = ['SEGMENTS'];
const RESPONSES: Views = ['RESPONSES'];
const LISTS: Views = ['SEGMENTS', 'RESPONSES'];

/**
 * Which embed views may select each field of the schema, by schema coordinate (Type.field): what
 * the dashboard's view really queries (client/src/operations), nothing more. Views that show no
 * person get no personal data. A field of the schema missing here is refused to every embed link
 * and fails the spec until it is classified. Mutations are listed as NONE: links only read.
 * Introspection (`__schema`, `__type`, `__typename`) is outside this list: whether the schema may
 * be introspected at all is the GraphQL options' decision.
 */
export const EMBED_FIELD_ACCESS: Readonly<Record<string, Readonly<Record<string, Views>>>> = {
  Query: { environment: ALL, viewer: ALL, environments: NONE, apiKeys: NONE },
  Mutation: {
    connectDelighted: NONE,
    createApiKey: NONE,
    createEmbedLink: NONE,
    createEnvironment: NONE,
    disconnectDelighted: NONE,
    importSurveyResponses: NONE,
    revokeApiKey: NONE,
    setEmailProperty: NONE,
    syncDelighted: NONE,
    createAlertRule: NONE,
    updateAlertRule: NONE,
    deleteAlertRule: NONE,
    evaluateAlerts: NONE,
    sendTestAlert: NONE,
  },
  Viewer: { kind: ALL, role: ALL, environmentId: ALL, embedView: ALL },
  Environment: {
    id: ALL,
    name: ALL,
    timezone: ALL,
    // Every view's "all time" range asks npsTrend for the yearly response counts.
    npsTrend: ALL,
    npsSummary: ['OVERVIEW'],
    eventTypes: ['ENGAGEMENT'],
    activityCorrelations: ['DRIVERS'],
    segmentComparison: ['DRIVERS'],
    segmentSummary: ['SEGMENTS'],
    segmentMembers: MEMBERS,
    surveyResponses: RESPONSES,
    createdAt: NONE,
    emailProperty: NONE,
    delightedSource: NONE,
    user: NONE,
    users: NONE,
    alertRules: NONE,
    alertEvents: NONE,
    alertPreview: NONE,
  },
  NpsSummary: {
    from: ['OVERVIEW'],
    to: ['OVERVIEW'],
    responses: ['OVERVIEW'],
    promoters: ['OVERVIEW'],
    passives: ['OVERVIEW'],
    detractors: ['OVERVIEW'],
    nps: ['OVERVIEW'],
    averageScore: ['OVERVIEW'],
    ciLow: ['OVERVIEW'],
    ciHigh: ['OVERVIEW'],
    marginOfError: ['OVERVIEW'],
    previous: ['OVERVIEW'],
    change: ['OVERVIEW'],
  },
  NpsFigures: {
    from: ['OVERVIEW'],
    to: ['OVERVIEW'],
    responses: ['OVERVIEW'],
    promoters: ['OVERVIEW'],
    passives: ['OVERVIEW'],
    detractors: ['OVERVIEW'],
    nps: ['OVERVIEW'],
    averageScore: ['OVERVIEW'],
    ciLow: ['OVERVIEW'],
    ciHigh: ['OVERVIEW'],
    marginOfError: ['OVERVIEW'],
  },
  NpsChange: {
    difference: ['OVERVIEW'],
    ciLow: ['OVERVIEW'],
    ciHigh: ['OVERVIEW'],
    significant: ['OVERVIEW'],
  },
  NpsTrend: { points: ALL, series: TREND, timezone: TREND },
  NpsTrendSeries: { tier: TREND, points: TREND },
  NpsTrendPoint: {
    bucketStart: ALL,
    responses: ALL,
    bucketEnd: TREND,
    tier: TREND,
    promoters: TREND,
    passives: TREND,
    detractors: TREND,
    nps: TREND,
    averageScore: TREND,
    ciLow: TREND,
    ciHigh: TREND,
    marginOfError: TREND,
  },
  EventType: { name: ['ENGAGEMENT'], count: ['ENGAGEMENT'], lastSeen: ['ENGAGEMENT'] },
  ActivityCorrelation: {
    eventType: ['DRIVERS'],
    observations: ['DRIVERS'],
    usersWith: ['DRIVERS'],
    usersWithout: ['DRIVERS'],
    pearson: ['DRIVERS'],
    pValue: ['DRIVERS'],
    qValue: ['DRIVERS'],
    spearman: ['DRIVERS'],
    npsWith: ['DRIVERS'],
    npsWithout: ['DRIVERS'],
    npsDifference: ['DRIVERS'],
    npsDifferenceCiLow: ['DRIVERS'],
    npsDifferenceCiHigh: ['DRIVERS'],
    promoterRateWith: ['DRIVERS'],
    promoterRateWithout: ['DRIVERS'],
  },
  SegmentComparisonRow: {
    segment: ['DRIVERS'],
    members: ['DRIVERS'],
    matchedMembers: ['DRIVERS'],
    membersWithEvent: ['DRIVERS'],
    share: ['DRIVERS'],
    meanCount: ['DRIVERS'],
  },
  SegmentCount: { segment: ['SEGMENTS'], count: ['SEGMENTS'], share: ['SEGMENTS'] },
  SegmentMemberConnection: { totalCount: MEMBERS, pageInfo: MEMBERS, edges: MEMBERS },
  SegmentMemberEdge: { cursor: MEMBERS, node: MEMBERS },
  SegmentMember: {
    score: MEMBERS,
    respondedAt: MEMBERS,
    email: MEMBERS,
    personId: MEMBERS,
    comment: MEMBERS,
    user: MEMBERS,
  },
  SurveyResponseConnection: { totalCount: RESPONSES, pageInfo: RESPONSES, edges: RESPONSES },
  SurveyResponseEdge: { cursor: RESPONSES, node: RESPONSES },
  SurveyResponse: {
    responseId: RESPONSES,
    score: RESPONSES,
    comment: RESPONSES,
    email: RESPONSES,
    personId: RESPONSES,
    respondedAt: RESPONSES,
    surveyType: RESPONSES,
    isNps: RESPONSES,
    permalink: RESPONSES,
    source: RESPONSES,
    user: RESPONSES,
    // Not shown by the responses view.
    updatedAt: NONE,
  },
  // The matched user of a member or response: the members list shows its properties, the
  // responses list only its identity.
  MatchedUser: { identity: LISTS, properties: MEMBERS },
  PageInfo: { endCursor: LISTS, hasNextPage: LISTS },
  // Users and their events are listed by no view.
  UserConnection: { edges: NONE, pageInfo: NONE, totalCount: NONE },
  UserEdge: { cursor: NONE, node: NONE },
  User: {
    id: NONE,
    identity: NONE,
    properties: NONE,
    firstSeen: NONE,
    lastSeen: NONE,
    events: NONE,
  },
  EventConnection: { edges: NONE, pageInfo: NONE, totalCount: NONE },
  EventEdge: { cursor: NONE, node: NONE },
  Event: { id: NONE, name: NONE, properties: NONE, source: NONE, time: NONE },
  // Configuration, keys and mutation results.
  DelightedSource: {
    apiKeyLast4: NONE,
    apiUrl: NONE,
    backfill: NONE,
    connectedAt: NONE,
    firstResponseAt: NONE,
    lastError: NONE,
    lastSyncAt: NONE,
    status: NONE,
    syncRuns: NONE,
  },
  BackfillProgress: {
    completedAt: NONE,
    estimatedTotal: NONE,
    eta: NONE,
    pagesDone: NONE,
    percent: NONE,
    responsesDone: NONE,
    startedAt: NONE,
  },
  SyncRunConnection: { edges: NONE, pageInfo: NONE, totalCount: NONE },
  SyncRunEdge: { cursor: NONE, node: NONE },
  SyncRun: {
    error: NONE,
    finishedAt: NONE,
    id: NONE,
    outcome: NONE,
    pages: NONE,
    responsesFetched: NONE,
    responsesInserted: NONE,
    responsesUpdated: NONE,
    retries: NONE,
    startedAt: NONE,
    trigger: NONE,
  },
  ApiKey: {
    createdAt: NONE,
    environmentId: NONE,
    id: NONE,
    keyPrefix: NONE,
    lastUsedAt: NONE,
    name: NONE,
    revokedAt: NONE,
    role: NONE,
  },
  CreatedApiKey: { apiKey: NONE, id: NONE, key: NONE },
  EmbedLink: { expiresAt: NONE, token: NONE, url: NONE },
  ImportResult: { inserted: NONE, matched: NONE, responses: NONE, unchanged: NONE, updated: NONE },
  ...ALERT_FIELD_ACCESS,
};

/** Whether an embed link of `view` may select `Type.field`; unknown coordinates are refused. */
export function embedViewMaySelect(view: string, typeName: string, fieldName: string): boolean {
  const views = Object.hasOwn(EMBED_FIELD_ACCESS, typeName)
    ? EMBED_FIELD_ACCESS[typeName]
    : undefined;
  const allowed = views && Object.hasOwn(views, fieldName) ? views[fieldName] : undefined;
  return allowed?.includes(view as EmbedViewName) ?? false;
}

/** `Type.field` of every field of the schema's object types (introspection types aside). */
export function schemaCoordinates(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !isIntrospectionType(type))
    .flatMap((type) =>
      isObjectType(type)
        ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`)
        : [],
    )
    .sort();
}

/** The coordinates the allowlist names, with the views allowed each. */
export function classifiedCoordinates(): Map<string, Views> {
  return new Map(
    Object.entries(EMBED_FIELD_ACCESS).flatMap(([type, fields]) =>
      Object.entries(fields).map(([field, views]) => [`${type}.${field}`, views] as const),
    ),
  );
}
