/**
 * Delighted backfill benchmark: the real service (node dist/src/main.js) on a throwaway database
 * backfills N responses from the Delighted simulator (each in a child process of its own), then
 * re-syncs after 1,000 responses changed; a single INSERT … SELECT of N rows into the same table
 * gives the database's own ceiling for comparison.
 *
 *   npm run bench:delighted -- [--responses 1000000] [--user-share 0.25] [--changes 1000]
 *                              [--seed 1]
 *
 * DATABASE_URL set: a new nps_bench_<random> database on that server (dropped after); otherwise an
 * embedded PostgreSQL in a temporary folder (removed after). Exits 1 on errors (a failed run, a
 * row count or content mismatch), 0 otherwise whether or not the targets are met.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Cleanup, UsageError, runBenchmark } from '../tools/harness/cleanup';
import {
  ServiceProcess,
  buildServiceIfNeeded,
  onRequestSyncEnv,
  startService,
} from '../tools/harness/service-process';
import { openBenchDatabase } from '../tools/harness/throwaway-database';
import { machineCpuSeconds, processCpuSeconds } from './support/cpu-time';
import type { SyncRunModel } from '../src/sources/delighted/delighted-source.model';

/** The fields of a sync run this benchmark reads, as GraphQL answers them. */
type SyncRunResult = Pick<
  SyncRunModel,
  | 'id'
  | 'outcome'
  | 'pages'
  | 'responsesFetched'
  | 'responsesInserted'
  | 'responsesUpdated'
  | 'retries'
  | 'error'
>;
import { ChangedResponse, SimulatorChild } from './support/delighted-simulator-control';
import { format, numberFlag } from './support/figures';
import { insertSelectFloor } from './support/survey-floor';

const TARGET_RESPONSES_PER_SECOND = 5_000;
const TARGET_RSS_MB = 400;
const TARGET_INCREMENTAL_SECONDS = 2;
const API_KEY = 'bench_key';
/** /api/add_user_properties accepts at most 1,000 users per request. */
const USERS_PER_REQUEST = 1_000;
const MB = 1024 * 1024;

const log = (message: string) => process.stderr.write(`${message}\n`);

interface Options {
  responses: number;
  /** Share of the people with an email created as users beforehand (0: none). */
  userShare: number;
  changes: number;
  seed: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      responses: { type: 'string', default: '1000000' },
      'user-share': { type: 'string', default: '0.25' },
      changes: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
    },
  });
  const whole = (name: keyof typeof values, min: number, max: number) =>
    numberFlag(values, name, min, max, true);
  const userShare = Number(values['user-share']);
  if (!(userShare >= 0 && userShare <= 1)) {
    throw new UsageError('--user-share must be a number from 0 to 1');
  }
  const responses = whole('responses', 1, 10_000_000);
  return {
    responses,
    userShare,
    changes: Math.min(responses, whole('changes', 1, 1_000_000)),
    seed: whole('seed', 0, 2 ** 31 - 1),
  };
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function syncDelighted(
  service: ServiceProcess,
  key: string,
  environmentId: string,
): Promise<{ run: SyncRunResult; seconds: number }> {
  const started = process.hrtime.bigint();
  const { syncDelighted: run } = await service.graphql<{ syncDelighted: SyncRunResult }>(
    key,
    `mutation($env: ID!) { syncDelighted(environmentId: $env) {
       id outcome pages responsesFetched responsesInserted responsesUpdated retries error } }`,
    { env: environmentId },
  );
  const elapsed = seconds(started);
  if (run.outcome !== 'SUCCEEDED') {
    throw new Error(`sync run ${run.id} ended ${run.outcome}: ${run.error ?? 'no error given'}`);
  }
  return { run, seconds: elapsed };
}

/** Creates users for every `every`-th simulated person with an email (bulk, 2 requests in flight). */
async function createUsers(
  service: ServiceProcess,
  key: string,
  environmentId: string,
  users: Array<{ personId: string; email: string }>,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < users.length) {
      const batch = users.slice(next, next + USERS_PER_REQUEST);
      next += USERS_PER_REQUEST;
      const { status, text } = await service.post('/api/add_user_properties', key, {
        app_id: environmentId,
        users: batch.map((user) => ({
          identity: `person-${user.personId}`,
          properties: { email: user.email, 'Delighted person': user.personId },
        })),
      });
      if (status !== 200) throw new Error(`add_user_properties: HTTP ${status}: ${text}`);
      const answer = JSON.parse(text) as { created: number };
      if (answer.created !== batch.length) {
        throw new Error(`add_user_properties created ${answer.created} of ${batch.length} users`);
      }
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all([worker(), worker()]);
  return seconds(started);
}

interface Sample {
  at: number;
  value: number;
}

/** Polls backfill progress every second and the service's VmRSS every 200 ms. */
function watchBackfill(service: ServiceProcess, key: string, environmentId: string) {
  const started = process.hrtime.bigint();
  const rss: Sample[] = [];
  const progress: Sample[] = [];
  let pollFailure: string | null = null;
  let lastLogged: Sample = { at: 0, value: 0 };
  const sampleRss = () => {
    const value = service.rssBytes();
    if (value !== null) rss.push({ at: seconds(started), value });
  };
  sampleRss();
  const rssTimer = setInterval(sampleRss, 200);
  let polling = false;
  let stopped = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const data = await service.graphql<{
        environment: {
          delightedSource: { backfill: { responsesDone: number; percent: number } } | null;
        } | null;
      }>(
        key,
        `query($env: ID!) { environment(id: $env) {
           delightedSource { backfill { responsesDone percent } } } }`,
        { env: environmentId },
      );
      const backfill = data.environment?.delightedSource?.backfill;
      if (!backfill) throw new Error('no delightedSource.backfill');
      const at = seconds(started);
      progress.push({ at, value: backfill.responsesDone });
      if (at - lastLogged.at >= 10) {
        const recent = (backfill.responsesDone - lastLogged.value) / (at - lastLogged.at);
        lastLogged = { at, value: backfill.responsesDone };
        const rssNow = rss.length ? rss[rss.length - 1].value / MB : NaN;
        log(
          `  ${format(at).padStart(4)} s: ${format(backfill.responsesDone)} responses ` +
            `(${format(backfill.percent, 1)}%), ${format(recent)} responses/s lately, ` +
            `service RSS ${format(rssNow)} MB`,
        );
      }
    } catch (error) {
      pollFailure ??= error instanceof Error ? error.message : String(error);
    } finally {
      polling = false;
    }
  };
  const pollTimer = setInterval(() => void poll(), 1_000);
  return {
    /** Stops sampling (once) and returns the samples; `done`: responses stored at the end. */
    stop(done?: number) {
      if (!stopped) {
        stopped = true;
        clearInterval(rssTimer);
        clearInterval(pollTimer);
        sampleRss();
        if (done !== undefined) progress.push({ at: seconds(started), value: done });
      }
      return { rss, progress, pollFailure };
    },
  };
}

/** Responses per second over each tenth of the backfill, times interpolated between polls. */
function rateByTenth(progress: Sample[], total: number): number[] {
  const rates: number[] = [];
  const samples = [{ at: 0, value: 0 }, ...progress];
  let previousAt = 0;
  for (let tenth = 1; tenth <= 10; tenth++) {
    const goal = (total * tenth) / 10;
    const i = samples.findIndex((sample) => sample.value >= goal);
    if (i <= 0) break;
    const [before, after] = [samples[i - 1], samples[i]];
    const at =
      before.at + ((goal - before.value) / (after.value - before.value)) * (after.at - before.at);
    rates.push(total / 10 / Math.max(1e-9, at - previousAt));
    previousAt = at;
  }
  return rates;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU seconds used so far by each PostgreSQL backend connected to this database (same host). */
async function backendCpu(client: Client): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const used = processCpuSeconds(pid);
    if (used !== null) cpu.set(pid, used);
  }
  return cpu;
}

/** CPU the backends used between two readings (a backend new in `after` counts from zero). */
function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, used] of after) total += used - (before.get(pid) ?? 0);
  return total;
}

/** Share of the machine's CPU busy over `ms`, before anything of ours runs hot. */
async function machineBusyShare(ms: number): Promise<number> {
  const before = machineCpuSeconds();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineCpuSeconds();
  const busy = after.busy - before.busy;
  return busy / Math.max(1e-9, busy + after.idle - before.idle);
}

async function verifyBackfill(
  client: Client,
  environmentId: string,
  options: Options,
  expectedMatched: number,
) {
  const { rows } = await client.query<{
    total: string;
    distinct_ids: string;
    matched: string;
    events: string;
    rollup: string;
  }>(
    `SELECT count(*) AS total, count(DISTINCT response_id) AS distinct_ids,
            count(user_id) AS matched,
            (SELECT count(*) FROM events
              WHERE environment_id = $1 AND name = 'Submit Survey') AS events,
            (SELECT coalesce(sum(count), 0) FROM event_types
              WHERE environment_id = $1 AND name = 'Submit Survey') AS rollup
       FROM survey_responses WHERE environment_id = $1`,
    [environmentId],
  );
  const counts = {
    total: Number(rows[0].total),
    distinct: Number(rows[0].distinct_ids),
    matched: Number(rows[0].matched),
    events: Number(rows[0].events),
    rollup: Number(rows[0].rollup),
  };
  const problems: string[] = [];
  if (counts.total !== options.responses) {
    problems.push(`${format(counts.total)} rows, expected ${format(options.responses)}`);
  }
  if (counts.distinct !== counts.total) {
    problems.push(`${format(counts.total - counts.distinct)} duplicate response ids`);
  }
  if (counts.matched !== expectedMatched) {
    problems.push(
      `${format(counts.matched)} responses matched, expected ${format(expectedMatched)}`,
    );
  }
  if (counts.events !== counts.matched || counts.rollup !== counts.matched) {
    problems.push(
      `${format(counts.events)} Submit Survey events (rollup ${format(counts.rollup)}) for ` +
        `${format(counts.matched)} matched responses`,
    );
  }
  if (problems.length) throw new Error(`backfill verification failed: ${problems.join('; ')}`);
  return counts;
}

async function verifyChanges(client: Client, environmentId: string, changed: ChangedResponse[]) {
  const { rows } = await client.query<{
    response_id: string;
    score: number;
    comment: string | null;
    updated_at: string;
    user_id: string | null;
    event_score: string | null;
    event_comment: string | null;
  }>(
    `SELECT r.response_id, r.score, r.comment, extract(epoch FROM r.response_updated_at) AS updated_at,
            r.user_id, e.properties ->> 'Score' AS event_score, e.properties ->> 'Comment' AS event_comment
       FROM survey_responses r
       LEFT JOIN events e ON e.environment_id = r.environment_id
                         AND e.idempotency_key = 'survey:' || r.response_id
      WHERE r.environment_id = $1 AND r.response_id = ANY($2::text[])`,
    [environmentId, changed.map((response) => response.id)],
  );
  const stored = new Map(rows.map((row) => [row.response_id, row]));
  const wrong: string[] = [];
  let matched = 0;
  for (const expected of changed) {
    const row = stored.get(expected.id);
    if (
      !row ||
      row.score !== expected.score ||
      row.comment !== expected.comment ||
      Number(row.updated_at) !== expected.updatedAt
    ) {
      wrong.push(expected.id);
      continue;
    }
    if (row.user_id !== null) {
      matched += 1;
      if (row.event_score !== String(expected.score) || row.event_comment !== expected.comment) {
        wrong.push(`${expected.id} (Submit Survey event)`);
      }
    }
  }
  if (wrong.length) {
    throw new Error(
      `${wrong.length} of ${changed.length} changed responses not stored as changed, e.g. ` +
        wrong.slice(0, 5).join(', '),
    );
  }
  return { matched };
}

async function main(cleanup: Cleanup): Promise<void> {
  const options = readOptions();
  buildServiceIfNeeded(log);

  const { database, client } = await openBenchDatabase(process.env.DATABASE_URL, cleanup, log);

  // Both start together; wait for both, so a failure of one never leaves the other uncleaned.
  const [simulatorStart, serviceStart] = await Promise.allSettled([
    SimulatorChild.start(
      { responses: options.responses, seed: options.seed, apiKey: API_KEY },
      log,
    ),
    startService({
      databaseUrl: database.url,
      log,
      cleanup,
      env: onRequestSyncEnv(),
    }),
  ]);
  if (simulatorStart.status === 'fulfilled') cleanup.add(() => simulatorStart.value.stop());
  if (simulatorStart.status === 'rejected') throw simulatorStart.reason;
  if (serviceStart.status === 'rejected') throw serviceStart.reason;
  const simulator = simulatorStart.value;
  const service = serviceStart.value;
  if (simulator.responseCount !== options.responses) {
    throw new Error(`the simulator holds ${simulator.responseCount} responses`);
  }

  const key = service.adminKey;
  const createEnvironment = async (name: string) =>
    (
      await service.graphql<{ createEnvironment: { id: string } }>(
        key,
        'mutation($name: String!) { createEnvironment(name: $name, timezone: "UTC") { id } }',
        { name },
      )
    ).createEnvironment.id;
  const environmentId = await createEnvironment('bench-delighted');
  const floorEnvironmentId = await createEnvironment('bench-delighted-floor');
  await service.graphql(
    key,
    'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
    { env: environmentId },
  );

  // Users for a share of the simulated people, so matching and Submit Survey events run too.
  let expectedMatched = 0;
  let usersCreated = 0;
  if (options.userShare > 0) {
    const every = Math.max(1, Math.round(1 / options.userShare));
    const sample = await simulator.people(every);
    log(
      `creating ${format(sample.users.length)} users (every ${every}th of ` +
        `${format(sample.peopleWithEmail)} people with an email, of ${format(sample.people)})…`,
    );
    const userSeconds = await createUsers(service, key, environmentId, sample.users);
    log(
      `  ${format(sample.users.length)} users in ${format(userSeconds, 1)} s; ` +
        `${format(sample.expectedMatched)} responses should match them`,
    );
    expectedMatched = sample.expectedMatched;
    usersCreated = sample.users.length;
  }

  await service.graphql(
    key,
    `mutation($env: ID!, $key: String!, $url: String) {
       connectDelighted(environmentId: $env, apiKey: $key, apiUrl: $url, startBackfill: false) {
         status } }`,
    { env: environmentId, key: API_KEY, url: simulator.baseUrl },
  );
  const { rows: sourceRows } = await client.query<{ per_page: number }>(
    'SELECT per_page FROM delighted_sources WHERE environment_id = $1',
    [environmentId],
  );
  const perPage = sourceRows[0].per_page;

  // The backfill: one syncDelighted call that returns when every page is stored.
  await client.query('CHECKPOINT').catch(() => undefined);
  const rssBefore = service.rssBytes() ?? NaN;
  const busyBefore = await machineBusyShare(2_000);
  if (busyBefore > 0.15) {
    log(`warning: the machine is ${format(100 * busyBefore)}% busy before the backfill`);
  }
  const cpuBefore = {
    service: processCpuSeconds(service.pid) ?? NaN,
    simulator: await simulator.stats(),
    backends: await backendCpu(client),
    machine: machineCpuSeconds(),
  };
  log(`backfilling ${format(options.responses)} responses (per_page ${perPage})…`);
  const watch = watchBackfill(service, key, environmentId);
  const backfill = await syncDelighted(service, key, environmentId).catch((error: unknown) => {
    watch.stop();
    throw error;
  });
  const { rss, progress, pollFailure } = watch.stop(backfill.run.responsesInserted);
  const cpuAfter = {
    service: processCpuSeconds(service.pid) ?? NaN,
    simulator: await simulator.stats(),
    backends: await backendCpu(client),
    machine: machineCpuSeconds(),
  };
  if (pollFailure) throw new Error(`polling backfill progress failed: ${pollFailure}`);
  const distinctProgress = new Set(progress.map((sample) => sample.value)).size;
  if (backfill.seconds > 5 && distinctProgress < 3) {
    throw new Error(`backfill progress did not move: ${JSON.stringify(progress.slice(0, 10))}`);
  }
  if (backfill.run.responsesInserted !== options.responses) {
    throw new Error(
      `the run inserted ${backfill.run.responsesInserted} responses, expected ${options.responses}`,
    );
  }
  const counts = await verifyBackfill(client, environmentId, options, expectedMatched);
  log(
    `  backfill done in ${format(backfill.seconds, 1)} s: ${format(backfill.run.pages)} pages, ` +
      `${format(counts.total)} rows, ${format(counts.matched)} matched, ${backfill.run.retries} retries`,
  );

  // Incremental: change responses in the simulator, then one more sync.
  const changedAt = Math.floor(Date.now() / 1000);
  const changed = await simulator.change(options.changes, changedAt);
  log(`changed ${format(changed.length)} responses in the simulator; syncing…`);
  const incremental = await syncDelighted(service, key, environmentId);
  const changeCheck = await verifyChanges(client, environmentId, changed);
  if (incremental.run.responsesUpdated < changed.length) {
    throw new Error(
      `the incremental run updated ${incremental.run.responsesUpdated} responses, expected ` +
        `at least ${changed.length}`,
    );
  }
  const peakRss = service.peakRssBytes();

  // The database's own ceiling, into another environment of the same table.
  log(`plain SQL floor: INSERT … SELECT of ${format(options.responses)} rows…`);
  const floorSeconds = await insertSelectFloor(client, floorEnvironmentId, options.responses);
  const { rows: floorRows } = await client.query<{ count: string }>(
    'SELECT count(*) FROM survey_responses WHERE environment_id = $1',
    [floorEnvironmentId],
  );
  if (Number(floorRows[0].count) !== options.responses) {
    throw new Error(`the floor inserted ${floorRows[0].count} rows`);
  }

  // Report.
  const responsesPerSecond = options.responses / backfill.seconds;
  const rssValues = rss.map((sample) => sample.value);
  const rssMin = Math.min(...rssValues) / MB;
  const rssMax = Math.max(...rssValues) / MB;
  const fifth = Math.max(1, Math.floor(rss.length / 5));
  const rssEarly = median(rssValues.slice(0, fifth)) / MB;
  const rssLate = median(rssValues.slice(-fifth)) / MB;
  const peakMb = (peakRss ?? Math.max(...rssValues)) / MB;
  const wall = backfill.seconds;
  const serviceCpu = cpuAfter.service - cpuBefore.service;
  const simulatorCpu =
    (cpuAfter.simulator.cpuUserMs +
      cpuAfter.simulator.cpuSystemMs -
      cpuBefore.simulator.cpuUserMs -
      cpuBefore.simulator.cpuSystemMs) /
    1000;
  const backendsCpu = cpuAfter.backends.size
    ? backendCpuBetween(cpuBefore.backends, cpuAfter.backends)
    : NaN;
  const machineBusy = cpuAfter.machine.busy - cpuBefore.machine.busy;
  const machineIdle = cpuAfter.machine.idle - cpuBefore.machine.idle;
  const tenths = rateByTenth(progress, options.responses);
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const row = (label: string, value: string, target = '', ok?: boolean) =>
    `${label.padEnd(34)}${value.padEnd(13)}${target.padEnd(18)}${ok === undefined ? '' : verdict(ok)}`.trimEnd();
  const floorLabel =
    options.responses === 1_000_000 ? '1M' : format(options.responses).replace(/,000$/, 'k');
  const lines = [
    '',
    `Delighted backfill benchmark: ${format(options.responses)} responses (per_page ${perPage}), ` +
      `PostgreSQL ${database.version} (${database.kind})`,
    row('', 'value', 'target'),
    row(
      'backfill responses/s',
      format(responsesPerSecond),
      `≥ ${format(TARGET_RESPONSES_PER_SECOND)}`,
      responsesPerSecond >= TARGET_RESPONSES_PER_SECOND,
    ),
    row('backfill pages/s', format(backfill.run.pages / backfill.seconds, 1)),
    row(
      'service peak RSS',
      `${format(peakMb)} MB`,
      `< ${TARGET_RSS_MB} MB (flat)`,
      peakMb < TARGET_RSS_MB,
    ),
    row('RSS during backfill (min/max)', `${format(rssMin)}/${format(rssMax)} MB`),
    row(
      `incremental run, ${format(changed.length)} changed`,
      `${format(incremental.seconds, 2)} s`,
      `< ${TARGET_INCREMENTAL_SECONDS} s`,
      incremental.seconds < TARGET_INCREMENTAL_SECONDS,
    ),
    `plain SQL floor: INSERT…SELECT of ${floorLabel} rows into survey_responses   ` +
      `${format(options.responses / floorSeconds)} rows/s`,
    '',
    `  Backfill: ${format(backfill.run.pages)} pages in ${format(wall, 1)} s ` +
      `(${format(backfill.run.responsesFetched)} fetched, ${format(backfill.run.responsesInserted)} ` +
      `inserted, ${backfill.run.retries} retries); responses/s by tenth of the backfill: ` +
      `${tenths.length ? tenths.map((value) => format(value)).join(' · ') : 'n/a'}`,
    `  CPU during the backfill (${format(wall, 1)} s wall, 2 cores = ${format(2 * wall)} s): ` +
      `service ${format(serviceCpu, 1)} s, simulator ${format(simulatorCpu, 1)} s, ` +
      `PostgreSQL backends of the database ${Number.isNaN(backendsCpu) ? 'n/a' : `${format(backendsCpu, 1)} s`}, ` +
      `everything else ${format(machineBusy - serviceCpu - simulatorCpu - (backendsCpu || 0), 1)} s ` +
      `(PostgreSQL's own background processes, other programs), idle ${format(machineIdle, 1)} s; ` +
      `${format(100 * busyBefore)}% busy just before`,
    `  RSS: ${format(rssBefore / MB)} MB before the backfill, median ${format(rssEarly)} MB in ` +
      `its first fifth and ${format(rssLate)} MB in its last (${rss.length} samples); VmHWM ` +
      `${peakRss === null ? 'n/a' : `${format(peakRss / MB)} MB`} over the whole run`,
    `  Matching: ${format(usersCreated)} users created beforehand; ${format(counts.matched)} ` +
      `responses matched, ${format(counts.events)} Submit Survey events (as expected)`,
    `  Incremental: ${format(incremental.run.pages)} pages, ${format(incremental.run.responsesFetched)} ` +
      `fetched, ${format(incremental.run.responsesUpdated)} updated; all ${format(changed.length)} ` +
      `changes stored (${format(changeCheck.matched)} of them matched, their events updated)`,
    `  Floor: ${format(options.responses)} rows in ${format(floorSeconds, 1)} s ` +
      `(${format(options.responses / floorSeconds / responsesPerSecond, 1)}× the backfill rate)`,
    `  Verified: ${format(counts.total)} rows, ${format(counts.distinct)} distinct response ids.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

runBenchmark(log, main);
