/**
 * Load benchmark: the reference dataset, the real service, and at once
 * - N dashboard clients, each loading the overview as the page does (round 1: Session; round 2:
 *   Summary ∥ Trend of the last 90 days by week, in parallel), then thinking, over and over;
 * - /api/track ingesting events at a fixed rate (bulk requests of 1,000 events);
 * - a Delighted incremental sync (simulator in this process) of changed and new responses.
 * Then the same with 2N clients, to show the instance shedding load (503 OVERLOADED) instead of
 * queueing without bound. Reports requests/s, p50/p95/p99 per query, errors, shed requests,
 * the service's RSS and PostgreSQL connections, and the ingestion rate reached.
 *
 *   npm run bench:load -- [--scale 1] [--clients 200] [--seconds 60] [--think-ms 1000]
 *                         [--events-per-second 5000] [--no-double] [--seed 0.42]
 *                         [--max-queue N] [--queue-timeout-ms MS]   (the service's shedding bounds)
 *
 * Exits 1 when a request fails other than by shedding, or an event is lost.
 */
import 'reflect-metadata';
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import type { Client } from 'pg';
import { SessionDocument, SummaryDocument, TrendDocument } from '../client/src/generated/graphql';
import { DelightedSimulator } from '../tools/delighted-simulator/delighted-simulator';
import { Cleanup, runBenchmark } from '../tools/harness/cleanup';
import { postJson } from '../tools/harness/http-post';
import {
  buildServiceIfNeeded,
  onRequestSyncEnv,
  startService,
} from '../tools/harness/service-process';
import { openBenchDatabase } from '../tools/harness/throwaway-database';
import { loadReferenceEnvironment } from './support/analytics-dataset';
import { createGraphqlClient } from './support/analytics-http';
import { elapsedMs, format, numberFlag, percentile } from './support/figures';

const log = (message: string) => process.stderr.write(`${message}\n`);
const DAY_MS = 86_400_000;
const SIMULATOR_KEY = 'load-bench-delighted-key';

const OPERATIONS = {
  Session: String(SessionDocument),
  Summary: String(SummaryDocument),
  Trend: String(TrendDocument),
};
type Operation = keyof typeof OPERATIONS;

interface Options {
  scale: number;
  clients: number;
  seconds: number;
  thinkMs: number;
  eventsPerSecond: number;
  double: boolean;
  seed: number;
  /** ANALYTICS_MAX_QUEUE and ANALYTICS_QUEUE_TIMEOUT_MS of the service; null: its defaults. */
  maxQueue: number | null;
  queueTimeoutMs: number | null;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      clients: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '60' },
      'think-ms': { type: 'string', default: '1000' },
      'events-per-second': { type: 'string', default: '5000' },
      'no-double': { type: 'boolean', default: false },
      seed: { type: 'string', default: '0.42' },
      'max-queue': { type: 'string' },
      'queue-timeout-ms': { type: 'string' },
    },
  });
  const number = (name: keyof typeof values, min: number, max: number, integer: boolean) =>
    numberFlag(values, name, min, max, integer);
  return {
    scale: number('scale', 0.001, 10, false),
    clients: number('clients', 1, 5000, true),
    seconds: number('seconds', 1, 3600, false),
    thinkMs: number('think-ms', 0, 60_000, true),
    eventsPerSecond: number('events-per-second', 0, 100_000, true),
    double: !values['no-double'],
    seed: number('seed', -1, 1, false),
    maxQueue: values['max-queue'] === undefined ? null : number('max-queue', 0, 100_000, true),
    queueTimeoutMs:
      values['queue-timeout-ms'] === undefined
        ? null
        : number('queue-timeout-ms', 1, 600_000, true),
  };
}

interface Phase {
  clients: number;
  seconds: number;
  latencies: Record<Operation, number[]>;
  shed: number;
  errors: string[];
  events: { sent: number; accepted: number; failed: number };
  rssMb: number[];
  connections: number[];
  sync: string;
}

/** One dashboard client: rounds of the overview, think time, until `until`. */
async function dashboardClient(
  baseUrl: string,
  key: string,
  variables: Record<Operation, Record<string, unknown>>,
  until: number,
  thinkMs: number,
  phase: Phase,
): Promise<void> {
  const http = createGraphqlClient(baseUrl);
  const second = createGraphqlClient(baseUrl);
  const send = async (operation: Operation, client = http) => {
    let answer;
    try {
      answer = await client.query(key, OPERATIONS[operation], variables[operation]);
    } catch (error) {
      phase.errors.push(`${operation}: ${String(error)}`);
      return;
    }
    if (answer.errors.some((error) => error.extensions?.code === 'OVERLOADED')) phase.shed++;
    else if (answer.status !== 200 || answer.errors.length > 0 || !answer.data)
      phase.errors.push(`${operation}: HTTP ${answer.status} ${JSON.stringify(answer.errors)}`);
    else phase.latencies[operation].push(answer.ms);
  };
  try {
    // Clients start spread over one think time, as page loads arrive.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs));
    while (Date.now() < until) {
      await send('Session');
      await Promise.all([send('Summary'), send('Trend', second)]);
      await new Promise((resolve) => setTimeout(resolve, thinkMs));
    }
  } finally {
    http.close();
    second.close();
  }
}

/** /api/track at `perSecond` events/s in bulk requests of 1,000, up to 8 in flight. */
async function ingest(
  baseUrl: string,
  key: string,
  environmentId: string,
  identities: string[],
  perSecond: number,
  until: number,
  phase: Phase,
): Promise<void> {
  if (perSecond === 0) return;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const batch = 1000;
  const intervalMs = (1000 * batch) / perSecond;
  const inFlight = new Set<Promise<void>>();
  let next = Date.now();
  let serial = 0;
  try {
    while (Date.now() < until) {
      while (inFlight.size >= 8) await Promise.race(inFlight);
      const tag = `${process.pid}-${Date.now()}-${serial++}`;
      const events = Array.from({ length: batch }, (_, index) => ({
        identity: identities[(serial * batch + index) % identities.length],
        event: index % 3 === 0 ? 'Load Test' : 'Load Click',
        idempotency_key: `${tag}-${index}`,
      }));
      phase.events.sent += batch;
      const request = postJson(
        { baseUrl, agent },
        '/api/track',
        key,
        JSON.stringify({ app_id: environmentId, events }),
      ).then(({ status, text }) => {
        if (status === 200)
          phase.events.accepted += (JSON.parse(text) as { inserted: number }).inserted;
        else {
          phase.events.failed += batch;
          phase.errors.push(`/api/track: HTTP ${status} ${text.slice(0, 200)}`);
        }
      });
      const tracked = request
        .catch((error: unknown) => {
          phase.events.failed += batch;
          phase.errors.push(`/api/track: ${String(error)}`);
        })
        .finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      next += intervalMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
}

async function main(cleanup: Cleanup): Promise<void> {
  const options = readOptions();
  buildServiceIfNeeded(log);
  const { database, client } = await openBenchDatabase(process.env.DATABASE_URL, cleanup, log);
  const { dataset } = await loadReferenceEnvironment(client, 'load-bench', options.scale, {
    log,
    seed: options.seed,
  });
  const { environmentId } = dataset;
  const service = await startService({
    databaseUrl: database.url,
    log,
    cleanup,
    env: {
      ...onRequestSyncEnv(),
      ...(options.maxQueue === null ? {} : { ANALYTICS_MAX_QUEUE: String(options.maxQueue) }),
      ...(options.queueTimeoutMs === null
        ? {}
        : { ANALYTICS_QUEUE_TIMEOUT_MS: String(options.queueTimeoutMs) }),
    },
  });
  const admin = createGraphqlClient(service.baseUrl);
  cleanup.add(() => admin.close());
  const keyOf = async (role: string) =>
    (
      await admin.data<{ createApiKey: { key: string } }>(
        service.adminKey,
        `mutation($env: ID!) { createApiKey(environmentId: $env, role: ${role}, name: "load-bench") { key } }`,
        { env: environmentId },
      )
    ).createApiKey.key;
  const [analystKey, ingestKey] = [await keyOf('ANALYST'), await keyOf('INGEST')];
  const { rows } = await client.query<{ identity: string }>(
    `SELECT identity FROM users WHERE environment_id = $1 LIMIT 5000`,
    [environmentId],
  );
  const identities = rows.map((row) => row.identity);
  const simulator = await connectSimulator(
    service.baseUrl,
    admin,
    service.adminKey,
    client,
    environmentId,
  );
  cleanup.add(() => simulator.stop());

  // The overview's default: the last 90 days by week, compared with the 90 before.
  const to = new Date();
  const from = new Date(to.getTime() - 90 * DAY_MS);
  const variables: Record<Operation, Record<string, unknown>> = {
    Session: {},
    Summary: { env: environmentId, from, to, compare: true },
    Trend: { env: environmentId, from, to, interval: 'WEEK', timezone: 'UTC' },
  };
  const phases: Phase[] = [];
  for (const clients of options.double
    ? [options.clients, 2 * options.clients]
    : [options.clients]) {
    log(`${clients} dashboard clients for ${options.seconds} s with ingestion and a sync…`);
    phases.push(
      await runPhase(clients, options, async (phase, until) => {
        const sampler = setInterval(() => {
          const rss = service.rssBytes();
          if (rss !== null) phase.rssMb.push(rss / 2 ** 20);
          void client
            .query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'nps-analytics'`,
            )
            .then((result) => phase.connections.push(result.rows[0].n));
        }, 1000);
        try {
          await Promise.all([
            ...Array.from({ length: clients }, () =>
              dashboardClient(
                service.baseUrl,
                analystKey,
                variables,
                until,
                options.thinkMs,
                phase,
              ),
            ),
            ingest(
              service.baseUrl,
              ingestKey,
              environmentId,
              identities,
              options.eventsPerSecond,
              until,
              phase,
            ),
            // The incremental sync starts a few seconds in.
            new Promise((resolve) =>
              setTimeout(resolve, Math.min(5000, options.seconds * 200)),
            ).then(async () => (phase.sync = await simulator.incrementalSync())),
          ]);
        } finally {
          clearInterval(sampler);
        }
      }),
    );
  }
  const { rows: stored } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events WHERE environment_id = $1 AND name LIKE 'Load %'`,
    [environmentId],
  );
  const accepted = phases.reduce((sum, phase) => sum + phase.events.accepted, 0);
  report(options, dataset.rows.npsResponses, phases, stored[0].n, accepted);
  if (phases.some((phase) => phase.errors.length > 0) || stored[0].n !== accepted)
    process.exitCode = 1;
}

async function runPhase(
  clients: number,
  options: Options,
  work: (phase: Phase, until: number) => Promise<void>,
): Promise<Phase> {
  const phase: Phase = {
    clients,
    seconds: options.seconds,
    latencies: { Session: [], Summary: [], Trend: [] },
    shed: 0,
    errors: [],
    events: { sent: 0, accepted: 0, failed: 0 },
    rssMb: [],
    connections: [],
    sync: 'not run',
  };
  const started = process.hrtime.bigint();
  await work(phase, Date.now() + options.seconds * 1000);
  phase.seconds = elapsedMs(started) / 1000;
  return phase;
}

/** The simulator with 300 stored responses backfilled; `incrementalSync` changes and adds 300. */
async function connectSimulator(
  baseUrl: string,
  admin: ReturnType<typeof createGraphqlClient>,
  adminKey: string,
  client: Client,
  environmentId: string,
) {
  const { rows } = await client.query<{
    response_id: string;
    person_id: string | null;
    email: string | null;
    score: number;
    at: Date;
  }>(
    `SELECT response_id, person_id, email, score, responded_at AS at FROM survey_responses
      WHERE environment_id = $1 AND is_nps ORDER BY id DESC LIMIT 300`,
    [environmentId],
  );
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const simulator = new DelightedSimulator({
    apiKey: SIMULATOR_KEY,
    responses: rows.map((row) => ({
      id: row.response_id,
      person: { id: row.person_id ?? `anonymous-${row.response_id}`, email: row.email },
      survey_type: 'nps',
      score: row.score,
      comment: null,
      created_at: seconds(row.at),
      updated_at: seconds(row.at),
    })),
  });
  const url = await simulator.start();
  const sync = async () => {
    const started = process.hrtime.bigint();
    // A new connection: a kept-alive one may have been closed by the server while idle.
    const fresh = createGraphqlClient(baseUrl);
    const { syncDelighted: run } = await fresh
      .data<{
        syncDelighted: {
          outcome: string;
          responsesFetched: number;
          responsesInserted: number;
          responsesUpdated: number;
        };
      }>(
        adminKey,
        `mutation($env: ID!) { syncDelighted(environmentId: $env) { outcome responsesFetched responsesInserted responsesUpdated } }`,
        { env: environmentId },
      )
      .finally(() => fresh.close());
    return `${run.outcome}: ${run.responsesFetched} fetched, ${run.responsesInserted} inserted, ${run.responsesUpdated} updated in ${format(elapsedMs(started))} ms`;
  };
  await admin.data(
    adminKey,
    `mutation($env: ID!, $key: String!, $url: String) {
       connectDelighted(environmentId: $env, apiKey: $key, apiUrl: $url, startBackfill: false) { status } }`,
    { env: environmentId, key: SIMULATOR_KEY, url },
  );
  log(`  backfill: ${await sync()}`);
  let round = 0;
  return {
    stop: () => simulator.stop(),
    async incrementalSync() {
      round++;
      const now = Math.floor(Date.now() / 1000);
      for (const [index, row] of rows.entries()) {
        simulator.updateResponse(row.response_id, { score: (row.score + round) % 11 }, now + index);
        simulator.addResponse({
          person: { id: `load-${round}-${index}`, email: `load-${round}-${index}@load.example` },
          survey_type: 'nps',
          score: index % 11,
          comment: null,
          created_at: now - 60,
          updated_at: null,
        });
      }
      return sync();
    },
  };
}

function report(
  options: Options,
  responses: number,
  phases: Phase[],
  stored: number,
  accepted: number,
) {
  const widths = [22, 9, 8, 9, 9, 9, 8];
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('');
  const out = [
    '',
    `Load benchmark, scale ${options.scale} (${format(responses)} NPS responses); think time ${format(options.thinkMs)} ms; ` +
      `ingestion target ${format(options.eventsPerSecond)} events/s; machine shared (figures at small scale only)`,
  ];
  for (const phase of phases) {
    const requests = Object.values(phase.latencies).reduce((sum, list) => sum + list.length, 0);
    out.push(
      '',
      `${phase.clients} dashboard clients, ${format(phase.seconds, 1)} s: ${format((requests + phase.shed) / phase.seconds, 1)} requests/s ` +
        `(${format(requests)} answered, ${format(phase.shed)} shed with 503, ${phase.errors.length} errors)`,
      line(['query', 'answered', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '']),
      ...(Object.keys(phase.latencies) as Operation[]).map((operation) => {
        const list = phase.latencies[operation];
        return line([
          operation,
          format(list.length),
          format(list.length / phase.seconds, 1),
          format(percentile(list, 0.5), 1),
          format(percentile(list, 0.95), 1),
          format(percentile(list, 0.99), 1),
          '',
        ]);
      }),
      `  ingestion: ${format(phase.events.accepted / phase.seconds)} events/s accepted (${format(phase.events.sent)} sent, ${format(phase.events.failed)} failed)`,
      `  service RSS: peak ${format(Math.max(...phase.rssMb, 0))} MB; PostgreSQL connections of the service: max ${format(Math.max(...phase.connections, 0))}`,
      `  Delighted incremental sync: ${phase.sync}`,
      ...phase.errors.slice(0, 5).map((error) => `  ERROR ${error}`),
    );
  }
  out.push(
    '',
    `Events stored ${format(stored)} of ${format(accepted)} accepted: ${stored === accepted ? 'none lost' : 'LOST EVENTS'}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

runBenchmark(log, main);
