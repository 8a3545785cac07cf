import { TestApp, createEnvironmentWithKeys, startTestApp } from './test-app';
import { TEST_ENCRYPTION_KEYS } from './delighted-fixtures';

export type Keys = Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

/**
 * Alerts without the schedule, retries without waiting, private receivers allowed; deliveries are
 * written but sent only by apps started with DELIVERING (the test files share one database).
 */
export const ALERTS_TEST_ENV: Record<string, string> = {
  ALERTS_SCHEDULE_ENABLED: 'false',
  ALERTS_DELIVERY_ENABLED: 'false',
  ALERTS_ALLOW_PRIVATE_URLS: 'true',
  ALERTS_RETRY_BASE_SECONDS: '0',
  ALERTS_DELIVERY_POLL_MS: '50',
  ALERTS_DELIVERY_TIMEOUT_MS: '2000',
  ALERTS_DELIVERY_LEASE_SECONDS: '5',
  DELIGHTED_SYNC_ENABLED: 'false',
  ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
};

/** The settings of an app that sends deliveries. */
export const DELIVERING: Record<string, string> = { ALERTS_DELIVERY_ENABLED: 'true' };

export function startAlertsTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ ...ALERTS_TEST_ENV, ...overrides });
}

/** An environment whose email property is `email`, with one key per role. */
export async function alertsEnvironment(test: TestApp) {
  const { environmentId, keys } = await createEnvironmentWithKeys(test);
  await test.ok(
    keys.ADMIN,
    'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
    { env: environmentId },
  );
  return { environmentId, keys };
}

/** Users through the Heap-style API: `count` of them per plan, emails `<plan><i>@x.test`. */
export async function addUsers(
  test: TestApp,
  keys: Keys,
  environmentId: string,
  plans: Record<string, number>,
): Promise<void> {
  const users = Object.entries(plans).flatMap(([plan, count]) =>
    Array.from({ length: count }, (_, i) => ({
      identity: `${plan}-${i}`,
      properties: { email: `${plan}${i}@x.test`, plan },
    })),
  );
  for (let i = 0; i < users.length; i += 500)
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({ app_id: environmentId, users: users.slice(i, i + 500) })
      .expect(200);
}

export interface PlantedResponse {
  id: string;
  email: string | null;
  score: number;
  at: Date;
  comment?: string | null;
  updatedAt?: Date | null;
}

/** Stores responses through the JSON import (the API's response list). */
export async function importResponses(
  test: TestApp,
  keys: Keys,
  environmentId: string,
  responses: readonly PlantedResponse[],
): Promise<{ inserted: number; updated: number }> {
  const json = responses.map((response) => ({
    id: response.id,
    person: { id: `person-${response.id}`, email: response.email },
    survey_type: 'nps',
    score: response.score,
    comment: response.comment ?? null,
    permalink: `https://delighted.example/r/${response.id}`,
    created_at: Math.floor(response.at.getTime() / 1000),
    updated_at: response.updatedAt ? Math.floor(response.updatedAt.getTime() / 1000) : null,
  }));
  const result = await test.ok<{ importSurveyResponses: { inserted: number; updated: number } }>(
    keys.ARCHITECT,
    'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted updated } }',
    { env: environmentId, json: JSON.stringify(json) },
  );
  return result.importSurveyResponses;
}

/**
 * `count` responses for the users of `plan` (cycling through `users` of them) between `from` and
 * `to`, scored by category (10, 8 or 3), the categories interleaved evenly in time.
 */
export function planted(
  prefix: string,
  plan: string,
  users: number,
  counts: { promoters: number; passives: number; detractors: number },
  from: Date,
  to: Date,
): PlantedResponse[] {
  // Each category spread evenly over the span (interleaved), so every part of it has the mix.
  const scores = (
    [
      [counts.promoters, 10],
      [counts.passives, 8],
      [counts.detractors, 3],
    ] as const
  )
    .flatMap(([count, score]) =>
      Array.from({ length: count }, (_, rank) => ({ score, order: (rank + 0.5) / count })),
    )
    .sort((a, b) => a.order - b.order || b.score - a.score)
    .map((item) => item.score);
  const span = to.getTime() - from.getTime();
  return scores.map((score, i) => ({
    id: `${prefix}-${i}`,
    email: `${plan}${i % users}@x.test`,
    score,
    // Spread evenly inside [from, to), never on its edges.
    at: new Date(from.getTime() + Math.floor(((i + 0.5) / scores.length) * span)),
  }));
}

/**
 * The planted drop of the alert tests: "pro" users go from NPS 40 (60/20/20) in the baseline to
 * −40 (10/10/30) in the current window, a real drop; "free" users stay at NPS 40 (60/20/20, then
 * 30/10/10). 20 users of each plan answer.
 */
export function plantedProDrop(
  baseline: { from: Date; to: Date },
  current: { from: Date; to: Date },
): PlantedResponse[] {
  const mix = (promoters: number, passives: number, detractors: number) => ({
    promoters,
    passives,
    detractors,
  });
  return [
    ...planted('pb', 'pro', 20, mix(60, 20, 20), baseline.from, baseline.to),
    ...planted('pc', 'pro', 20, mix(10, 10, 30), current.from, current.to),
    ...planted('fb', 'free', 20, mix(60, 20, 20), baseline.from, baseline.to),
    ...planted('fc', 'free', 20, mix(30, 10, 10), current.from, current.to),
  ];
}

export const RULE_FIELDS = `id name kind state windowDays baselineDays minResponses minChangePoints confidence
  commentRequired schedule nextDigestAt filter { property equals } destinations { id kind url to signingSecret }`;

export const EVENT_FIELDS = `id ruleId ruleName kind firedAt evaluatedAt dashboardUrl
  current { from to responses promoters passives detractors nps ciLow ciHigh }
  baseline { from to responses promoters passives detractors nps ciLow ciHigh }
  change { difference ciLow ciHigh significant confidence }
  response { responseId score comment email userIdentity permalink respondedAt }
  deliveries { destinationId kind destination status attempts lastError deliveredAt }`;

export async function createRule<T = { id: string }>(
  test: TestApp,
  key: string,
  environmentId: string,
  input: Record<string, unknown>,
): Promise<T & { id: string }> {
  const result = await test.ok<{ createAlertRule: T & { id: string } }>(
    key,
    `mutation($env: ID!, $input: AlertRuleInput!) { createAlertRule(environmentId: $env, input: $input) { ${RULE_FIELDS} } }`,
    { env: environmentId, input },
  );
  return result.createAlertRule;
}

export interface EventView {
  id: string;
  ruleId: string;
  kind: string;
  dashboardUrl: string;
  current: Record<string, number | string | null> | null;
  baseline: Record<string, number | string | null> | null;
  change: { difference: number; ciLow: number; ciHigh: number; significant: boolean } | null;
  response: Record<string, string | number | null> | null;
  deliveries: Array<{
    destinationId: string;
    kind: string;
    destination: string;
    status: string;
    attempts: number;
    lastError: string | null;
  }>;
}

export async function evaluate(test: TestApp, key: string, environmentId: string) {
  const result = await test.ok<{ evaluateAlerts: EventView[] }>(
    key,
    `mutation($env: ID!) { evaluateAlerts(environmentId: $env) { ${EVENT_FIELDS} } }`,
    { env: environmentId },
  );
  return result.evaluateAlerts;
}

export async function events(
  test: TestApp,
  key: string,
  environmentId: string,
  ruleId: string | null = null,
): Promise<EventView[]> {
  const all: EventView[] = [];
  let after: string | null = null;
  for (;;) {
    const result: {
      environment: {
        alertEvents: {
          edges: Array<{ node: EventView }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    } = await test.ok(
      key,
      `query($env: ID!, $rule: ID, $after: String) { environment(id: $env) {
         alertEvents(first: 50, ruleId: $rule, after: $after) {
           edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`,
      { env: environmentId, rule: ruleId, after },
    );
    const page = result.environment.alertEvents;
    all.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
}

/**
 * Waits until no delivery of the environment is PENDING (polling the API, at most `rounds`
 * times 100 ms), and returns the events then.
 */
export async function settledEvents(
  test: TestApp,
  key: string,
  environmentId: string,
  rounds = 300,
): Promise<EventView[]> {
  for (let round = 0; ; round++) {
    const list = await events(test, key, environmentId);
    if (list.every((event) => event.deliveries.every((d) => d.status !== 'PENDING'))) return list;
    if (round >= rounds) throw new Error('deliveries still PENDING');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Evaluates until the rule has `expected` events (a transaction still running anywhere on the
 * server holds the detractor horizon back, so one evaluation may not see a commit yet), failing
 * as soon as it has more; then evaluates twice more and checks the count stays.
 */
export async function evaluateUntil(
  test: TestApp,
  key: string,
  environmentId: string,
  ruleId: string,
  expected: number,
): Promise<EventView[]> {
  for (let round = 0; round < 100; round++) {
    await evaluate(test, key, environmentId);
    const list = await events(test, key, environmentId, ruleId);
    if (list.length > expected)
      throw new Error(`rule ${ruleId} has ${list.length} events, expected ${expected}`);
    if (list.length === expected) {
      await evaluate(test, key, environmentId);
      await evaluate(test, key, environmentId);
      const after = await events(test, key, environmentId, ruleId);
      if (after.length !== expected)
        throw new Error(`rule ${ruleId} went on to ${after.length} events, expected ${expected}`);
      return after;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`rule ${ruleId} never reached ${expected} events`);
}
