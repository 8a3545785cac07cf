/**
 * Survey import benchmark: the real service (node dist/src/main.js) on a throwaway database
 * receives generated Delighted CSV exports of each size through POST …/survey-responses/import
 * (text/csv, streamed in 64 kB chunks), a fresh service per size so that each peak RSS (VmHWM)
 * is its own. The import streams, so peak RSS should not grow with the file.
 *
 *   npm run bench:import -- [--sizes 10,100] (MB) [--heap-mb 128]
 *
 * The service's old space is capped at `--heap-mb` (0: V8's default). Uncapped, V8 lets the heap
 * grow lazily while garbage comes fast, so peak RSS rises with the run's length even when nothing
 * is kept; capped, it shows what the import needs, and a file held in memory would not fit.
 *
 * DATABASE_URL set: a new nps_bench_<random> database on that server (dropped after); otherwise
 * an embedded PostgreSQL in a temporary folder (removed after). Exits 1 on errors (a non-200
 * answer, a row count mismatch), 0 otherwise.
 */
import 'reflect-metadata';
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { Cleanup, UsageError, runBenchmark } from '../tools/harness/cleanup';
import {
  ServiceProcess,
  buildServiceIfNeeded,
  startService,
} from '../tools/harness/service-process';
import { Client } from 'pg';
import { openBenchDatabase } from '../tools/harness/throwaway-database';
import { format } from './support/figures';

const MB = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
/** Peak RSS of the larger import over the smaller one; more means memory follows file size. */
const TARGET_RSS_RATIO = 1.5;

const log = (message: string) => process.stderr.write(`${message}\n`);

function readOptions(): { sizes: number[]; heapMb: number | null } {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10,100' },
      'heap-mb': { type: 'string', default: '128' },
    },
  });
  const sizes = String(values.sizes)
    .split(',')
    .map((size) => Number(size.trim()));
  if (sizes.length === 0 || sizes.some((size) => !(size > 0 && size <= 1000)))
    throw new UsageError('--sizes must be a comma-separated list of MB from 0.1 to 1000');
  const heap = Number(values['heap-mb']);
  if (!(Number.isInteger(heap) && (heap === 0 || (heap >= 32 && heap <= 16_384))))
    throw new UsageError('--heap-mb must be 0 (V8 default) or a whole number from 32 to 16384');
  return { sizes, heapMb: heap === 0 ? null : heap };
}

const HEADER = 'Response ID,Score,Comment,Email,Created At,Updated At,Survey Type\r\n';

/** Row `n` of the generated export (about 110 bytes; every 7th comment spans two lines). */
function csvRow(n: number): string {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const comment =
    n % 7 === 0 ? `"Line one of ${n}, quoted ""here""\nline two"` : `Comment number ${n}`;
  return `resp-${n},${n % 11},${comment},user${n % 50_000}@example.com,2024-03-${day} 10:00:00 +0000,,nps\r\n`;
}

/** Chunks of a CSV export of about `bytes` bytes, generated as they are sent. */
function* csvChunks(bytes: number): Generator<Buffer, number> {
  let rows = 0;
  let sent = 0;
  let pending = HEADER;
  while (sent + pending.length < bytes) {
    pending += csvRow(rows++);
    if (pending.length >= CHUNK_BYTES) {
      sent += pending.length;
      yield Buffer.from(pending);
      pending = '';
    }
  }
  if (pending) yield Buffer.from(pending);
  return rows;
}

interface ImportRun {
  megabytes: number;
  rows: number;
  seconds: number;
  baselineRssBytes: number;
  peakRssBytes: number;
}

/** Streams one export to the service; resolves with the number of rows sent and the answer. */
function upload(
  service: ServiceProcess,
  key: string,
  environmentId: string,
  bytes: number,
): Promise<{ rows: number; status: number; text: string }> {
  const { hostname, port } = new URL(service.baseUrl);
  return new Promise((resolve, reject) => {
    let rows = 0;
    const call = request(
      {
        hostname,
        port,
        method: 'POST',
        path: `/api/environments/${environmentId}/survey-responses/import`,
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (part: string) => (text += part));
        response.on('end', () => resolve({ rows, status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    const chunks = csvChunks(bytes);
    const pump = () => {
      for (;;) {
        const next = chunks.next();
        if (next.done) {
          rows = next.value;
          call.end();
          return;
        }
        if (!call.write(next.value)) return void call.once('drain', pump);
      }
    };
    pump();
  });
}

async function importOnce(
  databaseUrl: string,
  client: Client,
  megabytes: number,
  heapMb: number | null,
): Promise<ImportRun> {
  const bytes = Math.round(megabytes * MB);
  const service = await startService({
    databaseUrl,
    log,
    env: {
      MAX_IMPORT_BYTES: String(Math.max(1024, bytes + MB)),
      RUN_MIGRATIONS: 'false',
      DELIGHTED_SYNC_ENABLED: 'false',
      ...(heapMb === null ? {} : { NODE_OPTIONS: `--max-old-space-size=${heapMb}` }),
    },
  });
  try {
    const { createEnvironment } = await service.graphql<{ createEnvironment: { id: string } }>(
      service.adminKey,
      'mutation($name: String!) { createEnvironment(name: $name) { id } }',
      { name: `import-${megabytes}mb` },
    );
    const environmentId = createEnvironment.id;
    const baselineRssBytes = service.sampledMaxRssBytes();
    log(`importing ${megabytes} MB of CSV into environment ${environmentId}…`);
    const started = process.hrtime.bigint();
    const answer = await upload(service, service.adminKey, environmentId, bytes);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (answer.status !== 200)
      throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
    const outcome = JSON.parse(answer.text) as { responses: number; inserted: number };
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM survey_responses WHERE environment_id = $1',
      [environmentId],
    );
    const stored = rows[0].n;
    if (
      outcome.responses !== answer.rows ||
      outcome.inserted !== answer.rows ||
      stored !== answer.rows
    ) {
      throw new Error(
        `sent ${answer.rows} rows; the service answered ${answer.text} and stored ${stored}`,
      );
    }
    const peakRssBytes = service.peakRssBytes() ?? service.sampledMaxRssBytes();
    return { megabytes, rows: answer.rows, seconds, baselineRssBytes, peakRssBytes };
  } finally {
    await service.stop();
  }
}

async function main(cleanup: Cleanup): Promise<void> {
  const { sizes, heapMb } = readOptions();
  buildServiceIfNeeded(log);
  const { database, client } = await openBenchDatabase(process.env.DATABASE_URL, cleanup, log);
  const runs: ImportRun[] = [];
  for (const size of sizes) runs.push(await importOnce(database.url, client, size, heapMb));

  const cells = (values: string[]) =>
    values.map((value, i) => value.padStart([10, 11, 9, 10, 14, 14][i])).join('');
  const lines = [
    '',
    `Import benchmark: CSV over REST (text/csv, 64 kB chunks), service heap ` +
      `${heapMb === null ? 'V8 default' : `capped at ${heapMb} MB`}, PostgreSQL ${database.version} (${database.kind})`,
    cells(['CSV MB', 'rows', 's', 'rows/s', 'idle RSS MB', 'peak RSS MB']),
    ...runs.map((run) =>
      cells([
        format(run.megabytes, 1),
        format(run.rows),
        format(run.seconds, 1),
        format(run.rows / run.seconds),
        format(run.baselineRssBytes / MB),
        format(run.peakRssBytes / MB),
      ]),
    ),
  ];
  if (runs.length >= 2) {
    const [small, large] = [runs[0], runs[runs.length - 1]];
    const ratio = large.peakRssBytes / small.peakRssBytes;
    lines.push(
      `peak RSS ${format(large.megabytes / small.megabytes, 1)}× the file: ${format(ratio, 2)}× ` +
        `(target ≤ ${TARGET_RSS_RATIO}×) ${ratio <= TARGET_RSS_RATIO ? 'PASS' : 'FAIL'}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

runBenchmark(log, main);
