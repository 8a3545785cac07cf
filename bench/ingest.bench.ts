/**
 * Ingestion benchmark: the real service (node dist/src/main.js) on a throwaway database receives
 * N events through bulk /api/track, then N more into a second, new environment (after an ANALYZE
 * taken while it is still empty, as a backfill or autovacuum may leave the statistics), then the
 * same rows are loaded by plain SQL COPY into a third environment of the same table as the floor.
 *
 *   npm run bench:ingest -- [--events 1000000] [--users 200000] [--types 50] [--concurrency 4]
 *                           [--seed 1]
 *
 * DATABASE_URL set: a new nps_bench_<random> database on that server (dropped after); otherwise
 * an embedded PostgreSQL in a temporary folder (removed after). Exits 1 on errors (a non-200
 * answer, a row count mismatch), 0 otherwise whether or not the targets are met.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Cleanup, runBenchmark } from '../tools/harness/cleanup';
import { postJson } from '../tools/harness/http-post';
import {
  ServiceProcess,
  buildServiceIfNeeded,
  startService,
} from '../tools/harness/service-process';
import { openBenchDatabase } from '../tools/harness/throwaway-database';
import { loadFloor, psqlAvailable } from './support/copy-floor';
import { EventShape, batchCount, buildTrackBody, typeNames } from './support/event-generator';
import { format, numberFlag, percentile } from './support/figures';

/**
 * Measured on 2 cores (steady state, 1M events): 4 requests in flight beat 2 (the cores sit
 * partly idle between round trips) and 8 (no faster, lock waits stretch p95, RSS doubles).
 */
const DEFAULT_CONCURRENCY = 4;
/** Repeats of a request whose connection was lost before an answer. */
const MAX_RETRIES = 2;
const TARGET_EVENTS_PER_SECOND = 20_000;
const TARGET_COPY_RATIO = 10;
const TARGET_RSS_MB = 400;

const log = (message: string) => process.stderr.write(`${message}\n`);

interface Options {
  shape: EventShape;
  concurrency: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      users: { type: 'string', default: '200000' },
      types: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: String(DEFAULT_CONCURRENCY) },
      seed: { type: 'string', default: '1' },
    },
  });
  const positive = (name: keyof typeof values, max: number) =>
    numberFlag(values, name, 1, max, true);
  return {
    shape: {
      events: positive('events', 100_000_000),
      users: positive('users', 100_000_000),
      types: positive('types', 100_000),
      seed: positive('seed', 2 ** 31 - 1),
      nowMs: Math.floor(Date.now() / 1000) * 1000,
    },
    concurrency: positive('concurrency', 256),
  };
}

async function createEnvironment(service: ServiceProcess, name: string) {
  const data = await service.graphql<{ createEnvironment: { id: string } }>(
    service.adminKey,
    'mutation($name: String!) { createEnvironment(name: $name) { id } }',
    { name },
  );
  return data.createEnvironment.id;
}

interface ApiRun {
  seconds: number;
  latenciesMs: Float64Array;
  /** Seconds from the start at which each request completed, and its events, in completion order. */
  completions: Array<{ at: number; events: number }>;
  /** Requests repeated after a lost connection (socket hang up, reset). */
  retries: string[];
}

/** Sends every batch through bulk /api/track with `concurrency` requests in flight. */
async function sendAll(
  service: ServiceProcess,
  ingestKey: string,
  appId: string,
  options: Options,
  cleanup: Cleanup,
): Promise<ApiRun> {
  const { shape, concurrency } = options;
  const names = typeNames(shape.types);
  const batches = batchCount(shape);
  const latencies = new Float64Array(batches);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  // A signal closes the connections first (the last step registered runs first).
  cleanup.add(() => agent.destroy());
  let next = 0;
  let sent = 0;
  let failure: Error | null = null;
  const completions: ApiRun['completions'] = [];
  const retries: string[] = [];

  const post = (body: Buffer) =>
    postJson({ baseUrl: service.baseUrl, agent }, '/api/track', ingestKey, body);

  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const worker = async () => {
    while (failure === null && !cleanup.interrupted && next < batches) {
      const batch = next++;
      const { body, count } = buildTrackBody(shape, batch, appId, names);
      const started = process.hrtime.bigint();
      let answered: { status: number; text: string } | null = null;
      let retried = false;
      for (let attempt = 0; answered === null; attempt++) {
        try {
          answered = await post(body);
        } catch (error) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const message =
            `batch ${batch}: no answer after ${format(ms)} ms (${format(elapsed(), 1)} s into ` +
            `the run): ${error instanceof Error ? error.message : String(error)}`;
          // A lost connection is retried: the idempotency keys make a repeat harmless.
          if (attempt >= MAX_RETRIES || cleanup.interrupted) throw new Error(message);
          retries.push(message);
          retried = true;
          log(`  ${message}; retrying`);
        }
      }
      const { status, text } = answered;
      latencies[batch] = Number(process.hrtime.bigint() - started) / 1e6;
      if (status !== 200) {
        throw new Error(`batch ${batch}: HTTP ${status}: ${text.slice(0, 500)}`);
      }
      const answer = JSON.parse(text) as { accepted: number; inserted: number };
      // After a retry, events of a first attempt that did commit come back as duplicates.
      const expectedInserted = retried ? answer.inserted : count;
      if (answer.accepted !== count || answer.inserted !== expectedInserted) {
        throw new Error(`batch ${batch}: sent ${count}, the service answered ${text}`);
      }
      sent += count;
      completions.push({ at: elapsed(), events: count });
    }
  };

  const progress = setInterval(
    () =>
      log(
        `  ${format(sent)} / ${format(shape.events)} events, ${format(sent / elapsed())} events/s`,
      ),
    10_000,
  );
  try {
    const results = await Promise.allSettled(
      Array.from({ length: concurrency }, () =>
        worker().catch((error: unknown) => {
          failure ??= error instanceof Error ? error : new Error(String(error));
          throw error;
        }),
      ),
    );
    if (failure) throw failure;
    if (results.some((result) => result.status === 'rejected')) throw new Error('a worker failed');
  } finally {
    clearInterval(progress);
    agent.destroy();
  }
  return { seconds: elapsed(), latenciesMs: latencies, completions, retries };
}

/** Events per second over each tenth of the requests (by completion), then over the second half. */
function timeline(completions: ApiRun['completions']): { tenths: number[]; secondHalf: number } {
  const rate = (from: number, to: number) => {
    const slice = completions.slice(from, to);
    const startAt = from === 0 ? 0 : completions[from - 1].at;
    const events = slice.reduce((sum, completion) => sum + completion.events, 0);
    return events / Math.max(1e-9, completions[to - 1].at - startAt);
  };
  const n = completions.length;
  const tenths: number[] = [];
  for (let tenth = 0; tenth < 10 && n >= 10; tenth++) {
    tenths.push(rate(Math.floor((tenth * n) / 10), Math.floor(((tenth + 1) * n) / 10)));
  }
  return { tenths, secondHalf: n >= 2 ? rate(Math.floor(n / 2), n) : NaN };
}

async function countRows(client: Client, environmentId: string) {
  const { rows } = await client.query<{ events: string; rollup: string; users: string }>(
    `SELECT (SELECT count(*) FROM events WHERE environment_id = $1) AS events,
            (SELECT coalesce(sum(count), 0) FROM event_types WHERE environment_id = $1) AS rollup,
            (SELECT count(*) FROM users WHERE environment_id = $1) AS users`,
    [environmentId],
  );
  return {
    events: Number(rows[0].events),
    rollup: Number(rows[0].rollup),
    users: Number(rows[0].users),
  };
}

/** The environment's rows, after checking it holds `events` events and a rollup that sums to them. */
async function checkApiCounts(client: Client, environmentId: string, events: number) {
  const counts = await countRows(client, environmentId);
  if (counts.events !== events || counts.rollup !== events) {
    throw new Error(
      `row count mismatch: ${counts.events} events and event_types counts summing to ` +
        `${counts.rollup} for environment ${environmentId}, expected ${events}`,
    );
  }
  return counts;
}

async function main(cleanup: Cleanup): Promise<void> {
  const options = readOptions();
  const { shape, concurrency } = options;

  buildServiceIfNeeded(log);

  const { database, client } = await openBenchDatabase(process.env.DATABASE_URL, cleanup, log);

  const service = await startService({
    databaseUrl: database.url,
    log,
    cleanup,
  });

  const apiEnvironment = await createEnvironment(service, 'bench');
  const copyEnvironment = await createEnvironment(service, 'bench-copy');
  const ingestKey = (environmentId: string) =>
    service
      .graphql<{ createApiKey: { key: string } }>(
        service.adminKey,
        'mutation($env: ID!) { createApiKey(environmentId: $env, role: INGEST, name: "bench") { key } }',
        { env: environmentId },
      )
      .then((data) => data.createApiKey.key);

  await client.query('CHECKPOINT').catch(() => undefined);
  log(
    `sending ${format(shape.events)} events (${format(batchCount(shape))} requests, concurrency ${concurrency})…`,
  );
  const api = await sendAll(
    service,
    await ingestKey(apiEnvironment),
    apiEnvironment,
    options,
    cleanup,
  );
  await checkApiCounts(client, apiEnvironment, shape.events);

  // A new environment on a loaded table, with statistics that have never seen it: the plans of
  // its first batches are made from them (a stale plan shows as a falling rate in its tenths).
  const secondEnvironment = await createEnvironment(service, 'bench-second');
  const secondKey = await ingestKey(secondEnvironment);
  await client.query('ANALYZE events, users, event_types');
  log(`sending ${format(shape.events)} events into a second, new environment…`);
  const second = await sendAll(service, secondKey, secondEnvironment, options, cleanup);
  const peakRss = service.peakRssBytes();
  const sampledRss = service.sampledMaxRssBytes();
  await service.stop();

  const apiCounts = await checkApiCounts(client, apiEnvironment, shape.events);
  const secondCounts = await checkApiCounts(client, secondEnvironment, shape.events);

  const usePsql = psqlAvailable();
  const csvPath = join(tmpdir(), `nps-bench-${process.pid}-${randomBytes(3).toString('hex')}.csv`);
  cleanup.add(() => rmSync(csvPath, { force: true }));
  log(`loading the same rows with ${usePsql ? 'psql \\copy' : 'INSERT … SELECT unnest'}…`);
  const floor = await loadFloor({
    client,
    databaseUrl: database.url,
    shape,
    environmentId: copyEnvironment,
    csvPath,
    usePsql,
  });
  const copyCounts = await countRows(client, copyEnvironment);
  if (copyCounts.events !== shape.events) {
    throw new Error(`the floor loaded ${copyCounts.events} rows, expected ${shape.events}`);
  }
  if (copyCounts.users !== apiCounts.users) {
    throw new Error(`the API made ${apiCounts.users} users, the floor ${copyCounts.users}`);
  }

  // Report.
  const sorted = Float64Array.from(api.latenciesMs).sort();
  const apiRate = shape.events / api.seconds;
  const secondSorted = Float64Array.from(second.latenciesMs).sort();
  const secondRate = shape.events / second.seconds;
  const secondPhases = timeline(second.completions);
  const floorRate = floor.rows / floor.seconds;
  const ratio = floorRate / apiRate;
  const phases = timeline(api.completions);
  const rssMb = (peakRss ?? sampledRss) / (1024 * 1024);
  const floorLabel = usePsql ? 'plain SQL COPY (floor)' : 'INSERT…unnest (floor)';
  const row = (label: string, cells: string[]) =>
    `${label.padEnd(24)}${cells.map((cell, i) => cell.padStart([10, 9, 8, 11][i])).join('')}`;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const lines = [
    '',
    `Ingestion benchmark: ${format(shape.events)} events, ${format(shape.users)} users, ` +
      `${format(shape.types)} types, concurrency ${concurrency}, PostgreSQL ${database.version} (${database.kind})`,
    row('', ['events/s', 'p50 ms', 'p95 ms', 'peak RSS']),
    row('bulk /api/track (HTTP)', [
      format(apiRate),
      format(percentile(sorted, 0.5)),
      format(percentile(sorted, 0.95)),
      `${format(rssMb)} MB`,
    ]),
    row('  into a 2nd, new env', [
      format(secondRate),
      format(percentile(secondSorted, 0.5)),
      format(percentile(secondSorted, 0.95)),
    ]),
    row(floorLabel, [format(floorRate)]),
    row(`ratio (${usePsql ? 'COPY' : 'floor'} / API)`, [`${format(ratio, 1)}×`]),
    `Targets: ≥ ${format(TARGET_EVENTS_PER_SECOND)} events/s ${verdict(apiRate >= TARGET_EVENTS_PER_SECOND)}, ` +
      `within ${TARGET_COPY_RATIO}× of COPY ${verdict(ratio <= TARGET_COPY_RATIO)}, ` +
      `service RSS < ${TARGET_RSS_MB} MB ${verdict(rssMb < TARGET_RSS_MB)}`,
    '',
    `  API: ${format(batchCount(shape))} requests in ${format(api.seconds, 1)} s, ` +
      `p99 ${format(percentile(sorted, 0.99))} ms, max ${format(sorted[sorted.length - 1])} ms; ` +
      `RSS VmHWM ${peakRss === null ? 'n/a' : `${format(peakRss / 1048576)} MB`}, ` +
      `sampled max VmRSS ${format(sampledRss / 1048576)} MB; ${format(apiCounts.users)} users`,
    `  API events/s by tenth of the requests: ${
      phases.tenths.length ? phases.tenths.map((value) => format(value)).join(' · ') : 'n/a'
    }; second half: ${format(phases.secondHalf)}`,
    `  2nd environment: ${format(second.seconds, 1)} s, p99 ${format(percentile(secondSorted, 0.99))} ms, ` +
      `max ${format(secondSorted[secondSorted.length - 1])} ms; events/s by tenth: ${
        secondPhases.tenths.length
          ? secondPhases.tenths.map((value) => format(value)).join(' · ')
          : 'n/a'
      }; ${format(secondCounts.users)} users`,
    ...[...api.retries, ...second.retries].map((retry) => `  Retried: ${retry}`),
    `  Floor: ${floor.method}, ${format(floor.rows)} rows in ${format(floor.seconds, 1)} s ` +
      `(${usePsql ? 'psql start-up included; ' : ''}users inserted beforehand, untimed)`,
    `  Verified: ${format(apiCounts.events)} event rows and event_types counts summing to ` +
      `${format(apiCounts.rollup)} for each API environment.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

runBenchmark(log, main);
