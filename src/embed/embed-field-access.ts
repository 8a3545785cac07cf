import { type GraphQLSchema, isIntrospectionType, isObjectType } from 'graphql';
import { EMBED_VIEWS, type EmbedViewName } from '../auth/embed-token';

type Views = readonly EmbedViewName[];

/** Every view: what the shell of any embedded view asks (its environment, the "all time" probe). */
const ALL: Views = EMBED_VIEWS;
/** No embed link may select it. */
const NONE: Views = [];
/** The NPS trend chart. */
const TREND: Views = ['OVERVIEW', 'ENGAGEMENT'];
/** Responses as people (emails, comments, identities): only the views that list them. */
const MEMBERS: Views = ['SEGMENTS'];
const RESPONSES: Views = ['RESPONSES', 'COMMENTS'];
const LISTS: Views = ['SEGMENTS', 'RESPONSES', 'COMMENTS'];
/** What the responses view shows of a response and the Comments view does not. */
const RESPONSES_ONLY: Views = ['RESPONSES'];
/** The Comments view: themes, sentiment and the comments behind them. */
const COMMENTS: Views = ['COMMENTS'];
/** Why NPS moved and the score distribution: the Overview's panels and their own view. */
const WHY: Views = ['OVERVIEW', 'WHY_IT_MOVED'];
/** Accounts (company ids and their figures, no person). */
const ACCOUNTS: Views = ['ACCOUNTS'];
/** The transition matrix of the Segments view. */
const TRANSITIONS: Views = ['SEGMENTS'];

/**
 * Which embed views may select each field of the schema, by schema coordinate (Type.field): what
 * the dashboard's view really queries (client/src/operations), nothing more. Views that show no
 * person get no personal data. A field of the schema missing here is refused to every embed link
 * and fails the spec until it is classified. Mutations are listed as NONE: links only read.
 * Introspection (`__schema`, `__type`, `__typename`) is outside this list: whether the schema may
 * be introspected at all is the GraphQL options' decision.
 */
export const EMBED_FIELD_ACCESS: Readonly<Record<string, Readonly<Record<string, Views>>>> = {
  Query: {
    environment: ALL,
    viewer: ALL,
    environments: NONE,
    apiKeys: NONE,
    // Members and the audit log are for ADMINs, never for a link.
    members: NONE,
    invitations: NONE,
    auditLog: NONE,
  },
  Mutation: {
    connectDelighted: NONE,
    createApiKey: NONE,
    createEmbedLink: NONE,
    createEnvironment: NONE,
    disconnectDelighted: NONE,
    importSurveyResponses: NONE,
    revokeApiKey: NONE,
    setEmailProperty: NONE,
    setAccountProperty: NONE,
    setThemes: NONE,
    runCommentAnalysis: NONE,
    syncDelighted: NONE,
    inviteMember: NONE,
    changeMemberRole: NONE,
    removeMember: NONE,
    revokeInvitation: NONE,
    createPasswordReset: NONE,
  },
  Viewer: {
    kind: ALL,
    role: ALL,
    environmentId: ALL,
    embedView: ALL,
    // Self-description; a link is no member and its subfields are refused (the answer is null).
    member: ALL,
    environments: ALL,
  },
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
    npsChange: WHY,
    scoreDistribution: WHY,
    segmentTransitions: TRANSITIONS,
    accounts: ACCOUNTS,
    accountSummary: ACCOUNTS,
    themes: COMMENTS,
    themeImpact: COMMENTS,
    themeTrend: COMMENTS,
    // Shown only to ARCHITECT and ADMIN, who may add them as themes.
    themeSuggestions: NONE,
    // Asked by no view of the dashboard.
    themeActivity: NONE,
    sentimentSplit: COMMENTS,
    commentAnalysis: COMMENTS,
    createdAt: NONE,
    emailProperty: NONE,
    accountProperty: NONE,
    revenueProperty: NONE,
    delightedSource: NONE,
    user: NONE,
    users: NONE,
  },
  NpsSummary: {
    from: WHY,
    to: WHY,
    responses: WHY,
    promoters: WHY,
    passives: WHY,
    detractors: WHY,
    nps: WHY,
    averageScore: WHY,
    ciLow: WHY,
    ciHigh: WHY,
    marginOfError: WHY,
    previous: WHY,
    change: WHY,
  },
  NpsFigures: {
    from: WHY,
    to: WHY,
    responses: WHY,
    promoters: WHY,
    passives: WHY,
    detractors: WHY,
    nps: WHY,
    averageScore: WHY,
    ciLow: WHY,
    ciHigh: WHY,
    marginOfError: WHY,
  },
  NpsChange: {
    difference: WHY,
    ciLow: WHY,
    ciHigh: WHY,
    significant: WHY,
  },
  NpsChangeExplanation: {
    change: WHY,
    rateEffect: WHY,
    mixEffect: WHY,
    promoterShareChange: WHY,
    detractorShareChange: WHY,
    current: WHY,
    previous: WHY,
    segments: WHY,
  },
  NpsChangeSegment: {
    key: WHY,
    previousResponses: WHY,
    currentResponses: WHY,
    previousShare: WHY,
    currentShare: WHY,
    previousNps: WHY,
    currentNps: WHY,
    change: WHY,
    rateContribution: WHY,
    mixContribution: WHY,
  },
  ScoreDistribution: {
    from: WHY,
    to: WHY,
    responses: WHY,
    counts: WHY,
    shares: WHY,
    mean: WHY,
    median: WHY,
  },
  SegmentTransitions: {
    respondents: TRANSITIONS,
    pairs: TRANSITIONS,
    cells: TRANSITIONS,
    // Who moved: people, as the members list.
    pairsOf: MEMBERS,
  },
  SegmentTransitionCell: {
    from: TRANSITIONS,
    to: TRANSITIONS,
    count: TRANSITIONS,
    share: TRANSITIONS,
  },
  SegmentTransitionPair: {
    email: MEMBERS,
    personId: MEMBERS,
    previousScore: MEMBERS,
    previousAt: MEMBERS,
    score: MEMBERS,
    respondedAt: MEMBERS,
    comment: MEMBERS,
    user: MEMBERS,
  },
  AccountConnection: { totalCount: ACCOUNTS, pageInfo: ACCOUNTS, edges: ACCOUNTS },
  AccountEdge: { cursor: ACCOUNTS, node: ACCOUNTS },
  Account: {
    account: ACCOUNTS,
    respondents: ACCOUNTS,
    responses: ACCOUNTS,
    promoters: ACCOUNTS,
    passives: ACCOUNTS,
    detractors: ACCOUNTS,
    nps: ACCOUNTS,
    ciLow: ACCOUNTS,
    ciHigh: ACCOUNTS,
    revenue: ACCOUNTS,
    latestResponseAt: ACCOUNTS,
  },
  AccountSummary: {
    accounts: ACCOUNTS,
    accountsWithDetractor: ACCOUNTS,
    revenueWeightedNps: ACCOUNTS,
    revenueAtRisk: ACCOUNTS,
  },
  NpsTrend: {
    points: ALL,
    series: TREND,
    timezone: TREND,
    thresholds: ['ENGAGEMENT'],
    tiers: ['ENGAGEMENT'],
  },
  NpsTrendTier: {
    tier: ['ENGAGEMENT'],
    minEvents: ['ENGAGEMENT'],
    maxEvents: ['ENGAGEMENT'],
    responses: ['ENGAGEMENT'],
    promoters: ['ENGAGEMENT'],
    passives: ['ENGAGEMENT'],
    detractors: ['ENGAGEMENT'],
    nps: ['ENGAGEMENT'],
    averageScore: ['ENGAGEMENT'],
    ciLow: ['ENGAGEMENT'],
    ciHigh: ['ENGAGEMENT'],
    marginOfError: ['ENGAGEMENT'],
  },
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
    personId: RESPONSES_ONLY,
    respondedAt: RESPONSES,
    surveyType: RESPONSES,
    isNps: RESPONSES_ONLY,
    permalink: RESPONSES_ONLY,
    source: RESPONSES_ONLY,
    user: RESPONSES_ONLY,
    sentiment: COMMENTS,
    themeIds: COMMENTS,
    searchRank: COMMENTS,
    // Not shown by the responses view.
    updatedAt: NONE,
  },
  Sentiment: { score: COMMENTS, label: COMMENTS },
  Theme: { id: COMMENTS, name: COMMENTS, patterns: COMMENTS },
  ThemeRef: { id: COMMENTS, name: COMMENTS },
  ThemeImpact: {
    theme: COMMENTS,
    mentions: COMMENTS,
    shareOfComments: COMMENTS,
    npsWith: COMMENTS,
    npsWithout: COMMENTS,
    difference: COMMENTS,
    impact: COMMENTS,
  },
  ThemeDifference: {
    difference: COMMENTS,
    ciLow: COMMENTS,
    ciHigh: COMMENTS,
    significant: COMMENTS,
  },
  ThemeTrendPoint: {
    bucketStart: COMMENTS,
    bucketEnd: COMMENTS,
    responses: COMMENTS,
    commented: COMMENTS,
    mentions: COMMENTS,
    share: COMMENTS,
  },
  ThemeSuggestion: { phrase: NONE, detractors: NONE, promoters: NONE },
  SentimentSplit: {
    segment: COMMENTS,
    commented: COMMENTS,
    positive: COMMENTS,
    neutral: COMMENTS,
    negative: COMMENTS,
    meanScore: COMMENTS,
  },
  ThemeActivity: {
    theme: NONE,
    respondentsWith: NONE,
    respondentsWithout: NONE,
    windowDays: NONE,
    events: NONE,
  },
  ThemeActivityRow: {
    eventType: NONE,
    meanWith: NONE,
    meanWithout: NONE,
    difference: NONE,
    ciLow: NONE,
    ciHigh: NONE,
  },
  CommentAnalysisProgress: {
    reason: COMMENTS,
    total: COMMENTS,
    done: COMMENTS,
    percent: COMMENTS,
    finished: COMMENTS,
    startedAt: COMMENTS,
    updatedAt: COMMENTS,
    finishedAt: COMMENTS,
  },
  // The matched user of a member or response: the members list shows its properties, the
  // responses list only its identity.
  MatchedUser: { identity: ['SEGMENTS', 'RESPONSES'], properties: MEMBERS },
  PageInfo: { endCursor: [...LISTS, 'ACCOUNTS'], hasNextPage: [...LISTS, 'ACCOUNTS'] },
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
    origin: NONE,
    notice: NONE,
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
  ImportResult: {
    inserted: NONE,
    matched: NONE,
    responses: NONE,
    unchanged: NONE,
    updated: NONE,
    delimiter: NONE,
  },
  // Members, invitations and the audit log: never for an embed link.
  AuditActor: { id: NONE, kind: NONE, label: NONE },
  AuditEntry: {
    action: NONE,
    actor: NONE,
    at: NONE,
    details: NONE,
    environmentId: NONE,
    id: NONE,
    ip: NONE,
    target: NONE,
  },
  AuditEntryConnection: { edges: NONE, pageInfo: NONE, totalCount: NONE },
  AuditEntryEdge: { cursor: NONE, node: NONE },
  Invitation: {
    acceptUrl: NONE,
    createdAt: NONE,
    email: NONE,
    emailed: NONE,
    environmentId: NONE,
    expiresAt: NONE,
    id: NONE,
    invitedBy: NONE,
    role: NONE,
  },
  Member: {
    createdAt: NONE,
    email: NONE,
    hasPassword: NONE,
    id: NONE,
    name: NONE,
    owner: NONE,
    role: NONE,
    roles: NONE,
  },
  MemberEnvironmentRole: { environmentId: NONE, role: NONE },
  PasswordResetLink: { emailed: NONE, expiresAt: NONE, memberId: NONE, url: NONE },
  ViewerEnvironment: { id: NONE, name: NONE, role: NONE },
  ViewerMember: { email: NONE, id: NONE, name: NONE, owner: NONE },
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
