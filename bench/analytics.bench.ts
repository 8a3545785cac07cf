/**
 * Analytics benchmark: builds the reference dataset in a throwaway database, starts the
 * real service (node dist/src/main.js) on it, and times each analytics query through GraphQL over
 * HTTP (one keep-alive connection) beside its plain-SQL floor, run in this process through `pg`.
 * Then syncs 1,000 responses (500 changed, 500 new) from the Delighted simulator with an incremental
 * run and times until npsSummary reflects them.
 *
 *   npm run bench:analytics -- [--scale 1] [--runs 20] [--warmups 2] [--budget 120]
 *                              [--statement-timeout-ms 120000] [--explain FILE [--explain-all]] [--seed 0.42]
 *                              [--no-duckdb] [--only NAME[,NAME…]]
 *
 * DuckDB peer (unless --no-duckdb): the dataset is exported as CSV and loaded into an in-process
 * DuckDB; each dashboard figure also runs there as one statement, interleaved with the service's
 * runs, and must give the same numbers.
 * --only: measure only the queries whose names contain one of the comma-separated words
 * (case-insensitive), and skip the comment backfill unless a theme query is among them.
 * --budget: seconds of measuring per query after which it stops early (at least 3 runs).
 * --explain FILE: afterwards, EXPLAIN (ANALYZE, BUFFERS) the service's own SQL (captured from
 * src/analytics, parameters included) of every query that misses its target (of every query
 * with --explain-all), into FILE.
 *
 * DATABASE_URL set: a new nps_bench_<random> database on that server (dropped after); otherwise
 * an embedded PostgreSQL in a temporary folder (removed after). Exits 1 on errors (a failed
 * request, an answer that disagrees with the SQL floor), 0 otherwise whether or not targets are met.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Client, Pool } from 'pg';
import { decodeCursor } from '../src/common/cursor';
import { DelightedSimulator } from '../tools/delighted-simulator/delighted-simulator';
import { Cleanup, runBenchmark } from '../tools/harness/cleanup';
import {
  buildServiceIfNeeded,
  onRequestSyncEnv,
  startService,
} from '../tools/harness/service-process';
import { openBenchDatabase, openClient } from '../tools/harness/throwaway-database';
import { ACTIVITY_EVENT_TYPES, loadReferenceEnvironment } from './support/analytics-dataset';
import { captureServiceSql, explainAnalyze, showStatement } from './support/analytics-explain';
import { DuckDbPeer, openDuckDbPeer, peerStatement } from './support/duckdb-peer';
import { GraphqlClient, createGraphqlClient } from './support/analytics-http';
import {
  MeasuredQuery,
  MembersPage,
  SEGMENT_MEMBERS_WALK_QUERY,
  measuredQueries,
} from './support/analytics-queries';
import { measureCommentBackfill, themeImpactQuery } from './support/comment-bench';
import { machineCpuSeconds } from './support/cpu-time';
import { elapsedMs, format, numberFlag, otherBenchmarks, percentile } from './support/figures';

const FRESHNESS_TARGET_MS = 5000;
const FRESHNESS_DEADLINE_MS = 60_000;
const MAX_PAGE = 500;
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Options {
  scale: number;
  runs: number;
  warmups: number;
  budgetSeconds: number;
  statementTimeoutMs: number;
  explain: string | null;
  explainAll: boolean;
  seed: number;
  duckdb: boolean;
  only: string[];
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      runs: { type: 'string', default: '20' },
      warmups: { type: 'string', default: '2' },
      budget: { type: 'string', default: '120' },
      'statement-timeout-ms': { type: 'string', default: '120000' },
      explain: { type: 'string' },
      'explain-all': { type: 'boolean', default: false },
      seed: { type: 'string', default: '0.42' },
      'no-duckdb': { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  const number = (name: keyof typeof values, min: number, max: number, integer: boolean) =>
    numberFlag(values, name, min, max, integer);
  const scale = number('scale', 0.001, 10, false);
  return {
    scale,
    runs: number('runs', 1, 1000, true),
    warmups: number('warmups', 0, 100, true),
    budgetSeconds: number('budget', 1, 86_400, false),
    statementTimeoutMs: number('statement-timeout-ms', 10, 600_000, true),
    explain: values.explain ?? null,
    explainAll: values['explain-all'] ?? false,
    seed: number('seed', -1, 1, false),
    duckdb: !values['no-duckdb'],
    only: (values.only ?? '')
      .split(',')
      .map((word) => word.trim().toLowerCase())
      .filter(Boolean),
  };
}

// ---------------------------------------------------------------------------------------------

interface Result {
  query: MeasuredQuery;
  service: number[];
  floor: number[];
  /** DuckDB's in-process times of the same figure (empty when it has no peer statement). */
  peer: number[];
  timeouts: number;
  error: string | null;
}

async function measure(
  http: GraphqlClient,
  key: string,
  floorClient: Client,
  query: MeasuredQuery,
  options: Options,
  peer: DuckDbPeer | null,
): Promise<Result> {
  const result: Result = { query, service: [], floor: [], peer: [], timeouts: 0, error: null };
  const peerSql = peer ? peerStatement(query) : null;
  const runService = async (check: boolean) => {
    const answer = await http.query(key, query.query, query.variables);
    if (answer.errors.some((error) => error.extensions?.code === 'TIMEOUT')) {
      result.timeouts++;
      return answer.ms;
    }
    if (answer.status !== 200 || answer.errors.length > 0 || !answer.data) {
      throw new Error(
        `${query.name}: HTTP ${answer.status} ${JSON.stringify(answer.errors).slice(0, 1000)}`,
      );
    }
    if (check) {
      const { rows } = await floorClient.query(query.floor.sql, query.floor.params);
      try {
        query.check(answer.data, rows);
        // The same numbers from DuckDB: its rows have the floor's shape.
        if (peer && peerSql) query.check(answer.data, await peer.rows(peerSql));
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
        log(`  DISAGREEMENT: ${result.error}`);
      }
    }
    return answer.ms;
  };
  const runFloor = async () => {
    const started = process.hrtime.bigint();
    await floorClient.query(query.floor.sql, query.floor.params);
    return elapsedMs(started);
  };
  const runPeer = async () => {
    const started = process.hrtime.bigint();
    await peer!.rows(peerSql!);
    return elapsedMs(started);
  };
  const peerRuns = () => (peerSql ? options.runs : 0);
  log(`measuring ${query.name}…`);
  for (let warmup = 0; warmup < options.warmups; warmup++) {
    await runService(warmup === 0);
    await runFloor();
    if (peerSql) await runPeer();
  }
  if (options.warmups === 0) await runService(true).then((ms) => result.service.push(ms));
  const started = process.hrtime.bigint();
  // Alternate service, floor and DuckDB (A B A B …) so that all see the same background load.
  while (
    result.service.length < options.runs ||
    result.floor.length < options.runs ||
    result.peer.length < peerRuns()
  ) {
    if (result.service.length < options.runs) result.service.push(await runService(false));
    if (result.floor.length < options.runs) result.floor.push(await runFloor());
    if (result.peer.length < peerRuns()) result.peer.push(await runPeer());
    if (
      elapsedMs(started) > options.budgetSeconds * 1000 &&
      result.service.length >= 3 &&
      result.floor.length >= 3 &&
      (result.peer.length >= 3 || !peerSql)
    ) {
      log(`  budget of ${options.budgetSeconds} s reached after ${result.service.length} runs`);
      break;
    }
  }
  log(
    `  p50 ${format(percentile(result.service, 0.5), 1)} ms (floor ${format(percentile(result.floor, 0.5), 1)} ms` +
      (peerSql ? `, DuckDB ${format(percentile(result.peer, 0.5), 1)} ms)` : ')') +
      (result.timeouts ? `, ${result.timeouts} timeouts` : ''),
  );
  return result;
}

/** Walks the promoters with the largest pages up to page `page` of 50; returns its cursor. */
async function cursorOfPage(
  http: GraphqlClient,
  key: string,
  environmentId: string,
  wantedPage: number,
): Promise<{ page: number; cursor: string; values: [string, string]; walk: string } | null> {
  const first = await http.data<MembersPage>(key, SEGMENT_MEMBERS_WALK_QUERY, {
    env: environmentId,
    first: 1,
    after: null,
  });
  const total = first.environment.segmentMembers.totalCount;
  const page = Math.min(wantedPage, Math.floor(total / 50));
  if (page < 2) return null;
  const skip = 50 * (page - 1);
  let after: string | null = null;
  let seen = 0;
  let requests = 0;
  const started = process.hrtime.bigint();
  const seenPeople = new Set<string>();
  while (seen < skip) {
    const data: MembersPage = await http.data<MembersPage>(key, SEGMENT_MEMBERS_WALK_QUERY, {
      env: environmentId,
      first: Math.min(MAX_PAGE, skip - seen),
      after,
    });
    const connection = data.environment.segmentMembers;
    requests++;
    for (const edge of connection.edges) {
      const person = `${edge.node.personId}@${edge.node.respondedAt}`;
      if (seenPeople.has(person)) throw new Error(`the cursor walk returned ${person} twice`);
      seenPeople.add(person);
    }
    seen += connection.edges.length;
    after = connection.pageInfo.endCursor;
    if (!connection.pageInfo.hasNextPage || after === null) {
      throw new Error(`the promoters ended after ${seen} members (totalCount ${total})`);
    }
    if (requests % 20 === 0) log(`  walked ${format(seen)} / ${format(skip)} members`);
  }
  const ms = elapsedMs(started);
  const cursor = after as string;
  const [respondedAt, id] = decodeCursor('member', cursor, ['time', 'id']);
  return {
    page,
    cursor,
    values: [respondedAt, id],
    walk: `walked ${format(seen)} members in ${requests} requests of ≤ ${MAX_PAGE} (${format(ms / 1000, 1)} s, ${format(ms / requests)} ms each)`,
  };
}

// ---------------------------------------------------------------------------------------------

interface Freshness {
  /** The incremental syncDelighted run, from the mutation to its answer. */
  syncMs: number;
  /** From the sync's answer to the first npsSummary answer showing its effect. */
  visibleAfterMs: number | null;
  polls: number;
  outcome: string;
}

interface SummaryCounts {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

const SUMMARY_QUERY = `query($env: ID!) { environment(id: $env) { npsSummary { responses promoters passives detractors } } }`;
const SIMULATOR_API_KEY = 'analytics-bench-delighted-key';

function category(score: number): 'promoters' | 'passives' | 'detractors' {
  return score >= 9 ? 'promoters' : score >= 7 ? 'passives' : 'detractors';
}

interface SyncRunAnswer {
  outcome: string;
  responsesFetched: number;
  responsesInserted: number;
  responsesUpdated: number;
  error: string | null;
}

/**
 * An incremental Delighted sync of 1,000 responses into the reference environment: the Delighted
 * simulator (in this process) first serves 500 of the stored responses as they are, and a first
 * sync (the backfill) takes them; then it changes their scores and gains 500 new responses (most
 * from known users), and a second sync brings those 1,000. Polls npsSummary until it shows them.
 */
async function measureFreshness(
  http: GraphqlClient,
  adminKey: string,
  analystKey: string,
  client: Client,
  environmentId: string,
): Promise<Freshness> {
  const { rows: existing } = await client.query<{
    response_id: string;
    person_id: string | null;
    email: string | null;
    phone_number: string | null;
    score: number;
    comment: string | null;
    responded_at: Date;
    version: Date;
  }>(
    `SELECT response_id, person_id, email, phone_number, score, comment, responded_at,
            coalesce(response_updated_at, responded_at) AS version
       FROM survey_responses TABLESAMPLE SYSTEM (1) REPEATABLE (7)
      WHERE environment_id = $1 AND is_nps LIMIT 500`,
    [environmentId],
  );
  const { rows: users } = await client.query<{ g: string; email: string }>(
    `SELECT substring(identity FROM 12) AS g, properties ->> 'email' AS email
       FROM users TABLESAMPLE SYSTEM (5) REPEATABLE (7)
      WHERE environment_id = $1 AND identity LIKE 'bench-user-%' LIMIT 350`,
    [environmentId],
  );
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const simulator = new DelightedSimulator({
    apiKey: SIMULATOR_API_KEY,
    responses: existing.map((row) => ({
      id: row.response_id,
      person: {
        id: row.person_id ?? `anonymous-${row.response_id}`,
        email: row.email,
        phone_number: row.phone_number,
      },
      survey_type: 'nps',
      score: row.score,
      comment: row.comment,
      created_at: seconds(row.responded_at),
      updated_at: seconds(row.version),
    })),
  });
  const url = await simulator.start();
  try {
    const sync = async (): Promise<SyncRunAnswer> => {
      const { syncDelighted: run } = await http.data<{ syncDelighted: SyncRunAnswer }>(
        adminKey,
        `mutation($env: ID!) { syncDelighted(environmentId: $env) {
           outcome responsesFetched responsesInserted responsesUpdated error } }`,
        { env: environmentId },
      );
      if (run.outcome !== 'SUCCEEDED') throw new Error(`the sync run ended ${JSON.stringify(run)}`);
      return run;
    };
    await http.data(
      adminKey,
      `mutation($env: ID!, $key: String!, $url: String) {
         connectDelighted(environmentId: $env, apiKey: $key, apiUrl: $url, startBackfill: false) { status } }`,
      { env: environmentId, key: SIMULATOR_API_KEY, url },
    );
    const backfill = await sync();
    if (backfill.responsesFetched !== existing.length) {
      throw new Error(`the backfill answered ${JSON.stringify(backfill)}`);
    }

    const before = await http.data<{ environment: { npsSummary: SummaryCounts } }>(
      analystKey,
      SUMMARY_QUERY,
      { env: environmentId },
    );
    const expected: SummaryCounts = { ...before.environment.npsSummary };
    const nowSeconds = Math.floor(Date.now() / 1000);
    for (const row of existing) {
      const score = (row.score + 5) % 11;
      expected[category(row.score)]--;
      expected[category(score)]++;
      simulator.updateResponse(
        row.response_id,
        { score, comment: 'Changed my mind' },
        Math.max(nowSeconds, seconds(row.version) + 1),
      );
    }
    const fresh = 1000 - existing.length;
    const tag = randomBytes(3).toString('hex');
    for (let i = 0; i < fresh; i++) {
      const user = users[i];
      const score = i % 11;
      expected.responses++;
      expected[category(score)]++;
      simulator.addResponse({
        person: user
          ? { id: `person-u${user.g}`, email: user.email }
          : { id: `fresh-x-${tag}-${i}`, email: `fresh${i}-${tag}@elsewhere.example` },
        survey_type: 'nps',
        score,
        comment: i % 3 === 0 ? 'New answer' : null,
        created_at: nowSeconds - 60 - (i % 60) * 60,
        updated_at: null,
      });
    }

    const started = process.hrtime.bigint();
    const run = await sync();
    const syncMs = elapsedMs(started);
    const outcome = `${run.responsesFetched} fetched, ${run.responsesInserted} inserted, ${run.responsesUpdated} updated`;
    if (run.responsesInserted !== fresh || run.responsesUpdated !== existing.length) {
      throw new Error(`the incremental sync answered ${outcome}`);
    }
    const acknowledged = process.hrtime.bigint();
    let polls = 0;
    let last: SummaryCounts | null = null;
    while (elapsedMs(acknowledged) < FRESHNESS_DEADLINE_MS) {
      polls++;
      const answer = await http.data<{ environment: { npsSummary: SummaryCounts } }>(
        analystKey,
        SUMMARY_QUERY,
        { env: environmentId },
      );
      last = answer.environment.npsSummary;
      if (JSON.stringify(last) === JSON.stringify(expected)) {
        return { syncMs, visibleAfterMs: elapsedMs(acknowledged), polls, outcome };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      syncMs,
      visibleAfterMs: null,
      polls,
      outcome: `npsSummary still ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`,
    };
  } finally {
    await simulator.stop();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(cleanup: Cleanup): Promise<void> {
  const options = readOptions();
  buildServiceIfNeeded(log);

  const { database, client } = await openBenchDatabase(process.env.DATABASE_URL, cleanup, log);

  const { dataset, buildSeconds } = await loadReferenceEnvironment(
    client,
    'analytics-bench',
    options.scale,
    {
      log,
      seed: options.seed,
    },
  );
  const { environmentId } = dataset;

  const service = await startService({
    databaseUrl: database.url,
    log,
    cleanup,
    env: {
      ...onRequestSyncEnv(),
      ANALYTICS_STATEMENT_TIMEOUT_MS: String(options.statementTimeoutMs),
    },
  });
  const http = createGraphqlClient(service.baseUrl);
  cleanup.add(() => http.close());
  const { createApiKey } = await http.data<{ createApiKey: { key: string } }>(
    service.adminKey,
    `mutation($env: ID!) { createApiKey(environmentId: $env, role: ANALYST, name: "analytics-bench") { key } }`,
    { env: environmentId },
  );
  const analystKey = createApiKey.key;

  const floorClient = await openClient(database.url, cleanup, log, 'nps-bench-floor');
  await floorClient.query(`SET statement_timeout = ${options.statementTimeoutMs}`);

  const { rows: migrations } = await client.query<{ name: string }>(
    `SELECT name FROM schema_migrations ORDER BY timestamp`,
  );
  const loadBefore = loadavg()[0];
  const cpuBefore = machineCpuSeconds();
  const othersSeen = new Set(otherBenchmarks(__filename));

  log('walking the promoters to page 1,000…');
  const pageN = await cursorOfPage(http, analystKey, environmentId, 1000);
  if (pageN) log(`  ${pageN.walk}`);
  const context = {
    environmentId,
    from: dataset.from,
    to: dataset.to,
    eventType: ACTIVITY_EVENT_TYPES[40],
  };
  const selected = (query: MeasuredQuery) =>
    options.only.length === 0 ||
    options.only.some((word) => query.name.toLowerCase().includes(word));
  const queries = [...measuredQueries(context, pageN), themeImpactQuery(context)].filter(selected);
  if (queries.length === 0) throw new Error(`--only ${options.only.join(',')} names no query`);
  if (options.only.length === 0 || queries.some((query) => query.name.startsWith('theme'))) {
    log('analysing every stored comment (sentiment and themes backfill)…');
    const backfill = await measureCommentBackfill(http, service.adminKey, environmentId, service);
    log(
      `  ${backfill.comments} comments in ${backfill.seconds.toFixed(1)} s: ${Math.round(backfill.perSecond)} comments/s (target ≥ 5,000), peak RSS ${backfill.peakRssMb?.toFixed(0) ?? '?'} MB (target < 400)`,
    );
  }
  let peer: DuckDbPeer | null = null;
  if (options.duckdb) {
    log('loading the dataset into DuckDB (CSV export, built-in reader)…');
    peer = await openDuckDbPeer(client, environmentId);
    const opened = peer;
    cleanup.add(async () => opened.close());
    log(`  loaded in ${format(peer.loadSeconds, 1)} s`);
  }
  const results: Result[] = [];
  for (const query of queries) {
    results.push(await measure(http, analystKey, floorClient, query, options, peer));
    for (const name of otherBenchmarks(__filename)) othersSeen.add(name);
  }
  log(
    'syncing 1,000 changed and new responses from the Delighted simulator, then waiting for npsSummary…',
  );
  const freshness = await measureFreshness(
    http,
    service.adminKey,
    analystKey,
    client,
    environmentId,
  );
  const cpuAfter = machineCpuSeconds();
  const busy = cpuAfter.busy - cpuBefore.busy;
  const busyShare = busy / Math.max(1e-9, busy + cpuAfter.idle - cpuBefore.idle);

  // Report.
  const widths = [38, 6, 10, 10, 10, 10, 9, 8, 12, 8];
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('');
  const verdict = (p50: number, target: number | null, result: Result) =>
    result.error
      ? 'WRONG'
      : result.timeouts > 0
        ? 'TIMEOUT'
        : target === null
          ? '—'
          : p50 <= target
            ? 'PASS'
            : 'FAIL';
  const rows = results.map((result) => {
    const p50 = percentile(result.service, 0.5);
    return line([
      result.query.name,
      String(result.service.length),
      format(p50, p50 < 100 ? 1 : 0),
      format(percentile(result.service, 0.95), p50 < 100 ? 1 : 0),
      format(percentile(result.floor, 0.5), 1),
      format(percentile(result.floor, 0.95), 1),
      result.query.targetMs === null ? '—' : `≤ ${format(result.query.targetMs)}`,
      verdict(p50, result.query.targetMs, result),
      result.peer.length ? format(percentile(result.peer, 0.5), 1) : '—',
      result.peer.length ? `${format(p50 / percentile(result.peer, 0.5), 2)}×` : '—',
    ]);
  });
  const freshOk =
    freshness.visibleAfterMs !== null &&
    freshness.syncMs + freshness.visibleAfterMs <= FRESHNESS_TARGET_MS;
  const c = dataset.rows;
  const out = [
    '',
    `Analytics benchmark, scale ${options.scale}: ${format(c.users)} users, ${format(c.npsResponses)} NPS ` +
      `responses (${format(c.matchedNpsResponses)} matched) + ${format(c.otherResponses)} csat, ` +
      `${format(c.activityEvents)} activity events over ${c.eventTypes - 1} types + ` +
      `${format(c.submitSurveyEvents)} Submit Survey; built in ${format(buildSeconds)} s`,
    `PostgreSQL ${database.version} (${database.kind}, default settings); GraphQL over one keep-alive ` +
      `HTTP connection; ${options.warmups} warm-ups, then up to ${options.runs} runs ` +
      `(${options.budgetSeconds} s budget per query); service statement timeout ${format(options.statementTimeoutMs)} ms`,
    `Schema: ${migrations.map((migration) => migration.name).join(', ')}`,
    `Machine: 2 cores, load ${format(loadBefore, 1)} before / ${format(loadavg()[0], 1)} after, ` +
      `CPU ${format(100 * busyShare)} % busy while measuring; other benchmarks running: ` +
      `${othersSeen.size ? [...othersSeen].join(', ') : 'none'}`,
    line([
      'query',
      'runs',
      'p50 ms',
      'p95 ms',
      'floor p50',
      'floor p95',
      'target',
      'verdict',
      'duckdb p50',
      'ratio',
    ]),
    ...rows,
    line([
      'freshness: sync 1,000 → npsSummary',
      String(freshness.polls),
      freshness.visibleAfterMs === null
        ? 'never'
        : format(freshness.syncMs + freshness.visibleAfterMs, 0),
      '',
      '',
      '',
      `≤ ${format(FRESHNESS_TARGET_MS)}`,
      freshOk ? 'PASS' : 'FAIL',
    ]),
    '',
    `  Floor: the straightforward single SQL statement for the same figure, through pg in this process.`,
    peer
      ? `  DuckDB: the same figure as one statement in this process over the dataset loaded from CSV ` +
        `(${format(peer.loadSeconds, 1)} s to export and load), checked against the service's answer; ratio = service p50 ÷ DuckDB p50.`
      : `  DuckDB: skipped (--no-duckdb).`,
    pageN
      ? `  segmentMembers page ${pageN.page}: cursor found by a GraphQL walk: ${pageN.walk}.`
      : `  segmentMembers: fewer than 2 pages of promoters at this scale; no deep page measured.`,
    `  Freshness: from the start of an incremental Delighted sync to npsSummary showing it. The sync ` +
      `took ${format(freshness.syncMs)} ms (${freshness.outcome}); npsSummary showed the new figures ` +
      `${freshness.visibleAfterMs === null ? 'never' : `${format(freshness.visibleAfterMs)} ms after it answered`} ` +
      `(${freshness.polls} poll${freshness.polls === 1 ? '' : 's'}).`,
    ...results
      .filter((result) => result.error)
      .map((result) => `  WRONG ${result.query.name}: ${result.error}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);

  if (options.explain) {
    const failing = results.filter(
      (result) =>
        options.explainAll ||
        result.timeouts > 0 ||
        (result.query.targetMs !== null && percentile(result.service, 0.5) > result.query.targetMs),
    );
    const sections: string[] = [];
    const pool = new Pool({ connectionString: database.url, max: 4 });
    cleanup.add(() => pool.end());
    for (const result of failing) {
      log(`explaining ${result.query.name}…`);
      const statements = await captureServiceSql(pool, environmentId, (analytics, principal) =>
        result.query.capture(analytics, principal),
      );
      for (const [index, statement] of statements.entries()) {
        const plan = await explainAnalyze(client, statement).catch(
          (error: unknown) =>
            `EXPLAIN failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        sections.push(
          `=== ${result.query.name} — statement ${index + 1} of ${statements.length}\n` +
            `${showStatement(statement)}\n\n${plan}\n`,
        );
      }
    }
    writeFileSync(options.explain, sections.join('\n'));
    log(`wrote ${sections.length} plans to ${options.explain}`);
  }
  if (results.some((result) => result.error)) process.exitCode = 1;
}

runBenchmark(log, main);
