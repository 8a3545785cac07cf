import { randomBytes } from 'node:crypto';
import {
  DelightedSimulator,
  DelightedSimulatorOptions,
} from '../../tools/delighted-simulator/delighted-simulator';
import { TestApp, createEnvironmentWithKeys, startTestApp } from './test-app';
import { withTestDatabase } from './test-database';

export const TEST_ENCRYPTION_KEYS = `test:${randomBytes(32).toString('base64')}`;

/** Sync settings that keep fault tests fast: tiny backoff, short timeouts, no cron. */
export const FAST_SYNC: Record<string, string> = {
  DELIGHTED_SYNC_ENABLED: 'false',
  DELIGHTED_RETRY_BASE_MS: '5',
  DELIGHTED_TIMEOUT_MS: '1500',
  DELIGHTED_MAX_RETRY_AFTER_SECONDS: '2',
  DELIGHTED_MAX_RETRIES: '6',
  ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
};

export async function startSimulator(
  options: DelightedSimulatorOptions = {},
): Promise<DelightedSimulator> {
  const simulator = new DelightedSimulator({ apiKey: 'sim_key_abcd', ...options });
  await simulator.start();
  return simulator;
}

export async function startSyncTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ ...FAST_SYNC, ...overrides });
}

export type Keys = Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

/** An environment with its email property set and the simulator connected (no backfill yet). */
export async function connectedEnvironment(
  test: TestApp,
  simulator: DelightedSimulator,
  options: { emailProperty?: string; startBackfill?: boolean } = {},
): Promise<{ environmentId: string; keys: Keys }> {
  const { environmentId, keys } = await createEnvironmentWithKeys(test);
  await test.ok(
    keys.ARCHITECT,
    'mutation($env: ID!, $p: String!) { setEmailProperty(environmentId: $env, property: $p) { id } }',
    {
      env: environmentId,
      p: options.emailProperty ?? 'email',
    },
  );
  await test.ok(
    keys.ARCHITECT,
    `mutation($env: ID!, $key: String!, $url: String, $start: Boolean) {
       connectDelighted(environmentId: $env, apiKey: $key, apiUrl: $url, startBackfill: $start) { status } }`,
    {
      env: environmentId,
      key: simulator.apiKey,
      url: simulator.baseUrl,
      start: options.startBackfill ?? false,
    },
  );
  return { environmentId, keys };
}

export interface SyncRunResult {
  id: string;
  outcome: string;
  pages: number;
  responsesFetched: number;
  responsesInserted: number;
  responsesUpdated: number;
  retries: number;
  error: string | null;
}

export async function syncNow(
  test: TestApp,
  key: string,
  environmentId: string,
): Promise<SyncRunResult> {
  const result = await test.ok<{ syncDelighted: SyncRunResult }>(
    key,
    `mutation($env: ID!) { syncDelighted(environmentId: $env) {
       id outcome pages responsesFetched responsesInserted responsesUpdated retries error } }`,
    { env: environmentId },
  );
  return result.syncDelighted;
}

export interface StoredResponse {
  response_id: string;
  score: number;
  comment: string | null;
  survey_type: string;
  is_nps: boolean;
  user_id: string | null;
  person_id: string | null;
  email_normalized: string | null;
  responded_at: Date;
  response_updated_at: Date | null;
}

export function storedResponses(environmentId: string): Promise<StoredResponse[]> {
  return withTestDatabase(async (client) => {
    const result = await client.query(
      `SELECT response_id, score, comment, survey_type, is_nps, user_id, person_id, email_normalized,
              responded_at, response_updated_at
         FROM survey_responses WHERE environment_id = $1 ORDER BY response_id`,
      [environmentId],
    );
    return result.rows;
  });
}

/** What the simulator holds now, in the shape stored above (the reference to compare with). */
export function expectedResponses(simulator: DelightedSimulator) {
  return simulator
    .listResponses()
    .map((response) => ({
      response_id: response.id,
      score: response.score,
      comment: response.comment,
      survey_type: response.survey_type,
      responded_at: new Date(response.created_at * 1000),
      response_updated_at:
        response.updated_at === null ? null : new Date(response.updated_at * 1000),
    }))
    .sort((a, b) => (a.response_id < b.response_id ? -1 : a.response_id > b.response_id ? 1 : 0));
}

export function comparable(rows: StoredResponse[]) {
  return rows.map((row) => ({
    response_id: row.response_id,
    score: row.score,
    comment: row.comment,
    survey_type: row.survey_type,
    responded_at: row.responded_at,
    response_updated_at: row.response_updated_at,
  }));
}

export async function submitSurveyEvents(environmentId: string) {
  return withTestDatabase(async (client) => {
    const result = await client.query(
      `SELECT e.user_id, e.idempotency_key, e.properties, e.time, e.source FROM events e
        WHERE e.environment_id = $1 AND e.name = 'Submit Survey' ORDER BY e.idempotency_key`,
      [environmentId],
    );
    return result.rows as Array<{
      user_id: string;
      idempotency_key: string;
      properties: Record<string, unknown>;
      time: Date;
      source: string;
    }>;
  });
}
