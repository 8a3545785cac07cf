/** Every GraphQL operation the dashboard sends (schema.gql is the contract). */

export const FIGURES =
  'responses promoters passives detractors nps averageScore ciLow ciHigh marginOfError';

/** Who the credential is: the role decides what the shell offers (no introspection needed). */
export const VIEWER = `query Viewer { viewer { role environmentId kind } }`;

export const ENVIRONMENTS = `query Environments { environments { id name timezone emailProperty } }`;

export const ENVIRONMENT = `query Environment($env: ID!) {
  environment(id: $env) { id name timezone }
}`;

export const SUMMARY = `query Summary($env: ID!, $from: DateTime, $to: DateTime, $dedupe: Dedupe,
  $filter: UserFilter, $compare: Boolean) {
  environment(id: $env) {
    summary: npsSummary(from: $from, to: $to, dedupe: $dedupe, filter: $filter, compareToPrevious: $compare) {
      from to ${FIGURES}
      previous { from to ${FIGURES} }
      change { difference ciLow ciHigh significant }
    }
  }
}`;

/** Asked only when a range is empty: does the environment have any response at all? */
export const TOTAL = `query Total($env: ID!, $filter: UserFilter) {
  environment(id: $env) { npsSummary(filter: $filter) { responses } }
}`;

export const TREND = `query Trend($env: ID!, $from: DateTime!, $to: DateTime!, $interval: Interval!,
  $timezone: String, $dedupe: Dedupe, $filter: UserFilter, $engagement: EngagementInput) {
  environment(id: $env) {
    npsTrend(from: $from, to: $to, interval: $interval, timezone: $timezone, dedupe: $dedupe,
      filter: $filter, engagement: $engagement) {
      timezone
      series { tier points { bucketStart bucketEnd tier ${FIGURES} } }
    }
  }
}`;

/** Years with responses, to start "all time" at the first one. */
export const FIRST_YEAR = `query FirstYear($env: ID!, $to: DateTime!, $timezone: String, $filter: UserFilter) {
  environment(id: $env) {
    npsTrend(from: "1970-01-01T00:00:00Z", to: $to, interval: YEAR, timezone: $timezone, filter: $filter) {
      points { bucketStart responses }
    }
  }
}`;

export const SEGMENT_SUMMARY = `query SegmentSummary($env: ID!, $asOf: DateTime, $maxAgeDays: Int, $filter: UserFilter) {
  environment(id: $env) {
    segmentSummary(asOf: $asOf, maxAgeDays: $maxAgeDays, filter: $filter) { segment count share }
  }
}`;

const MEMBER_FIELDS = 'email personId score respondedAt comment user { identity properties }';

export const SEGMENT_MEMBERS = `query SegmentMembers($env: ID!, $segment: NpsSegment!, $asOf: DateTime,
  $maxAgeDays: Int, $filter: UserFilter, $first: Int, $after: String, $search: String) {
  environment(id: $env) {
    segmentMembers(segment: $segment, asOf: $asOf, maxAgeDays: $maxAgeDays, filter: $filter,
      first: $first, after: $after, search: $search) {
      totalCount pageInfo { endCursor hasNextPage }
      edges { cursor node { ${MEMBER_FIELDS} } }
    }
  }
}`;

export const CORRELATIONS = `query Correlations($env: ID!, $from: DateTime, $to: DateTime, $windowDays: Int,
  $minUsers: Int, $filter: UserFilter) {
  environment(id: $env) {
    activityCorrelations(from: $from, to: $to, windowDays: $windowDays, minUsers: $minUsers, filter: $filter) {
      eventType observations usersWith usersWithout pearson pValue qValue spearman
      npsWith npsWithout npsDifference npsDifferenceCiLow npsDifferenceCiHigh
      promoterRateWith promoterRateWithout
    }
  }
}`;

export const COMPARISON = `query Comparison($env: ID!, $eventType: String!, $windowDays: Int, $asOf: DateTime,
  $filter: UserFilter) {
  environment(id: $env) {
    segmentComparison(eventType: $eventType, windowDays: $windowDays, asOf: $asOf, filter: $filter) {
      segment members matchedMembers membersWithEvent share meanCount
    }
  }
}`;

const RESPONSE_FIELDS =
  'responseId score comment email personId respondedAt surveyType isNps permalink source user { identity }';

/** surveyResponses takes no user filter (schema.gql): the view says so when one is set. */
export const RESPONSES = `query Responses($env: ID!, $from: DateTime, $to: DateTime, $segment: NpsSegment,
  $search: String, $first: Int, $after: String) {
  environment(id: $env) {
    surveyResponses(from: $from, to: $to, segment: $segment, search: $search, first: $first,
      after: $after) {
      totalCount pageInfo { endCursor hasNextPage }
      edges { cursor node { ${RESPONSE_FIELDS} } }
    }
  }
}`;

export const EVENT_TYPES = `query EventTypes($env: ID!) {
  environment(id: $env) { eventTypes { name count lastSeen } }
}`;

export const PROPERTY_SAMPLE = `query PropertySample($env: ID!) {
  environment(id: $env) { users(first: 200) { edges { node { properties } } } }
}`;

export const SOURCE = `query Source($env: ID!) {
  environment(id: $env) {
    id emailProperty
    delightedSource {
      status apiKeyLast4 apiUrl lastError lastSyncAt connectedAt firstResponseAt
      backfill { responsesDone pagesDone estimatedTotal percent eta startedAt completedAt }
      syncRuns(first: 15) {
        totalCount pageInfo { endCursor hasNextPage }
        edges { cursor node {
          id trigger outcome startedAt finishedAt pages responsesFetched responsesInserted
          responsesUpdated retries error
        } }
      }
    }
  }
}`;

export const SET_EMAIL_PROPERTY = `mutation SetEmailProperty($env: ID!, $property: String!) {
  setEmailProperty(environmentId: $env, property: $property) { id emailProperty }
}`;

export const CONNECT_DELIGHTED = `mutation ConnectDelighted($env: ID!, $apiKey: String!, $apiUrl: String) {
  connectDelighted(environmentId: $env, apiKey: $apiKey, apiUrl: $apiUrl) { status }
}`;

export const SYNC_DELIGHTED = `mutation SyncDelighted($env: ID!) {
  syncDelighted(environmentId: $env) { id outcome error }
}`;

export const DISCONNECT_DELIGHTED = `mutation DisconnectDelighted($env: ID!) {
  disconnectDelighted(environmentId: $env) { status }
}`;

export const IMPORT_CSV = `mutation ImportCsv($env: ID!, $csv: String!) {
  importSurveyResponses(environmentId: $env, csv: $csv) { responses inserted updated unchanged matched }
}`;

export const CREATE_EMBED_LINK = `mutation CreateEmbedLink($env: ID!, $view: EmbedView!, $filter: UserFilter,
  $expiresInMinutes: Int) {
  createEmbedLink(environmentId: $env, view: $view, filter: $filter, expiresInMinutes: $expiresInMinutes) {
    url token expiresAt
  }
}`;
