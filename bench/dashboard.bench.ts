/**
 * Dashboard benchmark: on the reference dataset of the analytics benchmark (at scale 1,
 * 200,000 users, 1,000,000 NPS responses over two years, 10,000,000 events), the time from
 * navigation to the overview's trend chart drawn with data, in headless Chromium (Debian's, through
 * playwright-core, as the browser tests). Target: p50 ≤ 1,500 ms over 10 loads.
 *
 *   npm run bench:dashboard -- [--scale 1] [--loads 10] [--warmups 2] [--timeout 60]
 *                              [--embed-only] [--seed 0.42]
 *
 * Modes: `embed` opens an OVERVIEW embed link (`/embed?token=…`, minted through GraphQL
 * createEmbedLink); `standalone` opens `/#/overview` signed in with an ANALYST key already kept in
 * sessionStorage (a returning tab; --embed-only skips it). Each load runs in a new browser context
 * (cold in the page: empty HTTP cache, storage and connections; the browser process and the service
 * stay warm). Timed on the page's own clock, from navigation start (performance.timeOrigin) to the
 * frame after `[data-testid="trend-chart"]` appeared holding at least one data point.
 *
 * The floor: the GraphQL requests the page sent before the chart drew (captured from the last
 * warm-up load), replayed over HTTP in the same rounds (requests the page sent together run in
 * parallel), alternating with the measured loads. Load − floor is what the browser adds (HTML,
 * JavaScript, rendering, request scheduling).
 *
 * DATABASE_URL set: a new nps_bench_<random> database on that server (dropped after); otherwise
 * an embedded PostgreSQL in a temporary folder (removed after). Exits 1 on errors (a console error
 * or uncaught exception in the page, a failed or refused request, a GraphQL error, a chart that
 * never drew), 0 otherwise whether or not the target is met.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Request } from 'playwright-core';
import { SummaryDocument, TrendDocument } from '../client/src/generated/graphql';
import { launchBrowser, openPage, screenshot } from '../tools/harness/browser';
import { Cleanup, runBenchmark } from '../tools/harness/cleanup';
import {
  buildServiceIfNeeded,
  onRequestSyncEnv,
  startService,
} from '../tools/harness/service-process';
import { openBenchDatabase } from '../tools/harness/throwaway-database';
import { loadReferenceEnvironment } from './support/analytics-dataset';
import { GraphqlClient, createGraphqlClient } from './support/analytics-http';
import { machineCpuSeconds } from './support/cpu-time';
import { elapsedMs, format, numberFlag, otherBenchmarks, percentile } from './support/figures';

const TARGET_MS = 1500;
/** The overview's trend chart; rendered only once its data arrived (client/README.md). */
const CHART = '[data-testid="trend-chart"]';
/** Where client/src/session.ts keeps a signed-in tab's key and environment. */
const SESSION_KEY = 'nps.apiKey';
const SESSION_ENVIRONMENT = 'nps.environmentId';
const ROOT = join(__dirname, '..');
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Options {
  scale: number;
  loads: number;
  warmups: number;
  timeoutMs: number;
  embedOnly: boolean;
  seed: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      loads: { type: 'string', default: '10' },
      warmups: { type: 'string', default: '2' },
      timeout: { type: 'string', default: '60' },
      'embed-only': { type: 'boolean', default: false },
      seed: { type: 'string', default: '0.42' },
    },
  });
  const number = (name: keyof typeof values, min: number, max: number, integer: boolean) =>
    numberFlag(values, name, min, max, integer);
  return {
    scale: number('scale', 0.001, 10, false),
    loads: number('loads', 1, 1000, true),
    // At least one: the floor replays the requests of the last warm-up load.
    warmups: number('warmups', 1, 100, true),
    timeoutMs: number('timeout', 0.1, 3600, false) * 1000,
    embedOnly: values['embed-only'] ?? false,
    seed: number('seed', -1, 1, false),
  };
}

const ms = (value: number) => format(value, value < 100 ? 1 : 0);
/** The budget figure of `npm run client:build`: gzipped JS the dashboard loads first. */
function initialJavaScript(): string {
  const output = execFileSync(
    process.execPath,
    [join(ROOT, 'client', 'scripts', 'report-size.mjs')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const match = /Initial JavaScript: ([\d.]+ KB) gzipped/.exec(output);
  if (!match) throw new Error(`client/scripts/report-size.mjs printed no size:\n${output}`);
  return `${match[1]} gzipped`;
}

// ---------------------------------------------------------------------------------------------
// In the page. These functions are serialised into Chromium; this file is type-checked without
// the DOM library, so they reach the page's globals through `globalThis` typed as below.

interface ChartMarks {
  /** performance.now() when the chart first held a data point (a MutationObserver callback). */
  inserted: number | null;
  /** performance.now() in a task queued from the next animation frame: after it was painted. */
  painted: number | null;
}

interface PageGlobals {
  __dashboardBench?: ChartMarks;
  location: { origin: string };
  sessionStorage: { setItem(key: string, value: string): void };
  document: { querySelector(selector: string): unknown };
  performance: {
    now(): number;
    timeOrigin: number;
    getEntriesByType(type: string): Array<Record<string, number | string>>;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
    disconnect(): void;
  };
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, delay: number): number;
}

/** Init script of every document: the sign-in kept in sessionStorage, and the chart's marks. */
function installChartProbe(args: {
  selector: string;
  origin: string;
  session: Array<[string, string]>;
}): void {
  const page = globalThis as unknown as PageGlobals;
  if (page.location.origin !== args.origin) return;
  for (const [key, value] of args.session) page.sessionStorage.setItem(key, value);
  const marks: ChartMarks = { inserted: null, painted: null };
  page.__dashboardBench = marks;
  // Drawn with data: the chart exists (it is rendered once the trend arrived) and has a point.
  const drawn = () => page.document.querySelector(`${args.selector} [data-series] circle`) !== null;
  const observer = new page.MutationObserver(() => {
    if (marks.inserted !== null || !drawn()) return;
    marks.inserted = page.performance.now();
    observer.disconnect();
    page.requestAnimationFrame(() => {
      page.setTimeout(() => {
        marks.painted = page.performance.now();
      }, 0);
    });
  });
  observer.observe(page.document, { childList: true, subtree: true });
}

function chartPainted(): boolean {
  return (globalThis as unknown as PageGlobals).__dashboardBench?.painted != null;
}

interface PageTimings {
  timeOrigin: number;
  marks: ChartMarks;
  htmlMs: number;
  domContentLoadedMs: number;
  scriptsMs: number;
  /** Script bytes as transferred (after any Content-Encoding) and decoded. */
  scriptEncodedBytes: number;
  scriptDecodedBytes: number;
}

function readPageTimings(): PageTimings {
  const page = globalThis as unknown as PageGlobals;
  const navigation = page.performance.getEntriesByType('navigation')[0] ?? {};
  const scripts = page.performance
    .getEntriesByType('resource')
    .filter((entry) => String(entry.name).split('?')[0].endsWith('.js'));
  return {
    timeOrigin: page.performance.timeOrigin,
    marks: page.__dashboardBench ?? { inserted: null, painted: null },
    htmlMs: Number(navigation.responseEnd ?? NaN),
    domContentLoadedMs: Number(navigation.domContentLoadedEventEnd ?? NaN),
    scriptsMs: Math.max(0, ...scripts.map((entry) => Number(entry.responseEnd))),
    scriptEncodedBytes: scripts.reduce((sum, entry) => sum + Number(entry.encodedBodySize), 0),
    scriptDecodedBytes: scripts.reduce((sum, entry) => sum + Number(entry.decodedBodySize), 0),
  };
}

// ---------------------------------------------------------------------------------------------

interface Mode {
  name: 'embed' | 'standalone';
  url: string;
  session: Array<[string, string]>;
}

/** One GraphQL request of a load, relative to the page's navigation start. */
interface CapturedRequest {
  operation: string;
  overview: boolean;
  bearer: string;
  query: string;
  variables: Record<string, unknown>;
  startMs: number;
  endMs: number;
}

interface Load {
  drawnMs: number;
  insertedMs: number;
  wallMs: number;
  htmlMs: number;
  domContentLoadedMs: number;
  scriptsMs: number;
  firstGraphqlMs: number;
  /** The last answer of the rounds before the overview's (the shell's session or environment). */
  shellDataMs: number;
  overviewSentMs: number;
  overviewDataMs: number;
  scriptEncodedBytes: number;
  scriptDecodedBytes: number;
  /** The GraphQL requests sent before the chart drew, in the rounds the page sent them. */
  rounds: CapturedRequest[][];
}

class LoadFailure extends Error {}

/** Requests sent together (before any of them answered) form one round. */
function roundsOf(requests: CapturedRequest[]): CapturedRequest[][] {
  const rounds: CapturedRequest[][] = [];
  let firstEnd = -Infinity;
  for (const request of [...requests].sort((a, b) => a.startMs - b.startMs)) {
    const current = rounds[rounds.length - 1];
    if (current && request.startMs < firstEnd) {
      current.push(request);
      firstEnd = Math.min(firstEnd, request.endMs);
    } else {
      rounds.push([request]);
      firstEnd = request.endMs;
    }
  }
  return rounds;
}

const roundsText = (rounds: CapturedRequest[][]) =>
  rounds.map((round) => `[${round.map((request) => request.operation).join(' ∥ ')}]`).join(' → ');

async function loadOnce(
  browser: Browser,
  mode: Mode,
  origin: string,
  options: Options,
  label: string,
): Promise<Load> {
  const watched = await openPage(browser);
  const { page, errors } = watched;
  try {
    await page.addInitScript(installChartProbe, {
      selector: CHART,
      origin,
      session: mode.session,
    });
    // Every GraphQL request of the load with its answer's body, once it has finished or failed.
    const graphql: Array<Promise<{ request: Request; body: string | null }>> = [];
    const settle = new Map<Request, (body: string | null) => void>();
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/graphql') return;
      graphql.push(
        new Promise((resolve) => settle.set(request, (body) => resolve({ request, body }))),
      );
    });
    page.on('requestfinished', (request) => {
      const done = settle.get(request);
      if (!done) return;
      void request
        .response()
        .then((response) => response?.text() ?? null)
        .then(done, () => done(null));
    });
    page.on('requestfailed', (request) => settle.get(request)?.(null));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) =>
      errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
    );

    const started = process.hrtime.bigint();
    try {
      await page.goto(mode.url, { waitUntil: 'commit', timeout: options.timeoutMs });
      await page.waitForFunction(chartPainted, undefined, { timeout: options.timeoutMs });
    } catch (error) {
      const shot = await screenshot(page, `dashboard-bench-${label}`).catch(() => null);
      const text = await page
        .locator('main')
        .first()
        .innerText({ timeout: 2000 })
        .catch(() => '');
      throw new LoadFailure(
        `${label}: the chart did not draw with data within ${options.timeoutMs / 1000} s ` +
          `(${error instanceof Error ? error.message.split('\n')[0] : String(error)}); ` +
          `page text: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 300))}` +
          (shot ? `; screenshot ${shot}` : '') +
          (errors.length ? `; errors: ${errors.join(' | ')}` : ''),
      );
    }
    const wallMs = elapsedMs(started);
    const timings = await page.evaluate(readPageTimings);
    const insertedMs = timings.marks.inserted as number;
    const drawnMs = timings.marks.painted as number;

    // Every answer is checked; the requests sent before the chart drew are kept for the floor.
    const captured: CapturedRequest[] = [];
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      Promise.all(graphql),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), options.timeoutMs))),
    ]).finally(() => clearTimeout(timer));
    if (!answered) throw new LoadFailure(`${label}: a GraphQL request never finished`);
    for (const { request, body } of answered) {
      const timing = request.timing();
      const startMs = timing.startTime - timings.timeOrigin;
      const sent = JSON.parse(request.postData() ?? '{}') as {
        query?: string;
        variables?: Record<string, unknown>;
      };
      const query = sent.query ?? '';
      let answer: { data?: unknown; errors?: Array<{ message: string }> } = {};
      try {
        answer = JSON.parse(body ?? '');
      } catch {
        errors.push(`GraphQL answer without JSON: ${String(body).slice(0, 200)}`);
      }
      for (const error of answer.errors ?? []) errors.push(`GraphQL error: ${error.message}`);
      if (startMs > insertedMs) continue;
      const authorization = (await request.allHeaders()).authorization ?? '';
      captured.push({
        operation: /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous',
        overview: query === SummaryDocument.toString() || query === TrendDocument.toString(),
        bearer: authorization.replace(/^Bearer\s+/i, ''),
        query,
        variables: sent.variables ?? {},
        startMs,
        endMs: startMs + timing.responseEnd,
      });
    }
    if (errors.length > 0) throw new LoadFailure(`${label}: ${errors.join(' | ')}`);
    const overview = captured.filter((request) => request.overview);
    if (overview.length < 2) {
      throw new LoadFailure(
        `${label}: expected the overview's Summary and Trend queries before the chart drew, saw ` +
          `${captured.map((request) => request.operation).join(', ') || 'none'}`,
      );
    }
    const rounds = roundsOf(captured);
    const shell = rounds.slice(
      0,
      rounds.findIndex((round) => round.includes(overview[0])),
    );
    return {
      drawnMs,
      insertedMs,
      wallMs,
      htmlMs: timings.htmlMs,
      domContentLoadedMs: timings.domContentLoadedMs,
      scriptsMs: timings.scriptsMs,
      firstGraphqlMs: Math.min(...captured.map((request) => request.startMs)),
      shellDataMs: shell.length ? Math.max(...shell.flat().map((request) => request.endMs)) : NaN,
      overviewSentMs: Math.min(...overview.map((request) => request.startMs)),
      overviewDataMs: Math.max(...overview.map((request) => request.endMs)),
      scriptEncodedBytes: timings.scriptEncodedBytes,
      scriptDecodedBytes: timings.scriptDecodedBytes,
      rounds,
    };
  } finally {
    await watched.close();
  }
}

// ---------------------------------------------------------------------------------------------

interface Replay {
  totalMs: number;
  /** The round holding the overview's Summary and Trend. */
  overviewMs: number;
  perOperation: Map<string, number>;
}

/** Replays the rounds over HTTP: each round's requests in parallel, one keep-alive connection each. */
async function replay(rounds: CapturedRequest[][], clients: GraphqlClient[]): Promise<Replay> {
  const perOperation = new Map<string, number>();
  let overviewMs = NaN;
  const started = process.hrtime.bigint();
  for (const round of rounds) {
    const roundStarted = process.hrtime.bigint();
    const answers = await Promise.all(
      round.map((request, i) => clients[i].query(request.bearer, request.query, request.variables)),
    );
    const roundMs = elapsedMs(roundStarted);
    answers.forEach((answer, i) => {
      if (answer.status !== 200 || answer.errors.length > 0 || !answer.data) {
        throw new Error(
          `floor ${round[i].operation}: HTTP ${answer.status} ${JSON.stringify(answer.errors).slice(0, 500)}`,
        );
      }
      perOperation.set(round[i].operation, answer.ms);
    });
    if (round.some((request) => request.overview)) overviewMs = roundMs;
  }
  return { totalMs: elapsedMs(started), overviewMs, perOperation };
}

interface ModeResult {
  mode: Mode;
  loads: Load[];
  floors: Replay[];
  rounds: CapturedRequest[][];
  failure: string | null;
}

async function measureMode(
  browser: Browser,
  mode: Mode,
  origin: string,
  clients: GraphqlClient[],
  options: Options,
): Promise<ModeResult> {
  const result: ModeResult = { mode, loads: [], floors: [], rounds: [], failure: null };
  try {
    for (let warmup = 1; warmup <= options.warmups; warmup++) {
      const load = await loadOnce(browser, mode, origin, options, `${mode.name}-warmup-${warmup}`);
      log(`  ${mode.name} warm-up ${warmup}: chart drawn at ${ms(load.drawnMs)} ms`);
      result.rounds = load.rounds;
    }
    log(`  ${mode.name} requests before the chart: ${roundsText(result.rounds)}`);
    await replay(result.rounds, clients);
    // Alternate loads and floor replays so that both see the same background load.
    for (let i = 1; i <= options.loads; i++) {
      const load = await loadOnce(browser, mode, origin, options, `${mode.name}-load-${i}`);
      result.loads.push(load);
      const floor = await replay(result.rounds, clients);
      result.floors.push(floor);
      log(
        `  ${mode.name} load ${i}/${options.loads}: chart drawn at ${ms(load.drawnMs)} ms ` +
          `(wall ${ms(load.wallMs)} ms; floor ${ms(floor.totalMs)} ms)`,
      );
    }
  } catch (error) {
    if (!(error instanceof LoadFailure)) throw error;
    result.failure = error.message;
    log(`  FAILED ${error.message}`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

async function main(cleanup: Cleanup): Promise<void> {
  const options = readOptions();
  buildServiceIfNeeded(log);
  const javascript = initialJavaScript();

  const { database, client } = await openBenchDatabase(process.env.DATABASE_URL, cleanup, log);

  const { dataset, buildSeconds } = await loadReferenceEnvironment(
    client,
    'dashboard-bench',
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
    env: onRequestSyncEnv(),
  });
  const http = createGraphqlClient(service.baseUrl);
  cleanup.add(() => http.close());

  const { createEmbedLink } = await http.data<{ createEmbedLink: { url: string } }>(
    service.adminKey,
    `mutation($env: ID!) { createEmbedLink(environmentId: $env, view: OVERVIEW, expiresInMinutes: 1440) { url } }`,
    { env: environmentId },
  );
  // The link starts with PUBLIC_URL (unset here); the browser reaches the service at its own port.
  const embedUrl = new URL(createEmbedLink.url);
  const modes: Mode[] = [
    {
      name: 'embed',
      url: `${service.baseUrl}${embedUrl.pathname}${embedUrl.search}`,
      session: [],
    },
  ];
  if (!options.embedOnly) {
    const { createApiKey } = await http.data<{ createApiKey: { key: string } }>(
      service.adminKey,
      `mutation($env: ID!) { createApiKey(environmentId: $env, role: ANALYST, name: "dashboard-bench") { key } }`,
      { env: environmentId },
    );
    modes.push({
      name: 'standalone',
      url: `${service.baseUrl}/#/overview`,
      session: [
        [SESSION_KEY, createApiKey.key],
        [SESSION_ENVIRONMENT, environmentId],
      ],
    });
  }

  // Playwright's own Ctrl-C handler would close the browser and exit before this cleanup ran.
  const browser = await launchBrowser({
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanup.add(() => browser.close());
  const clients = Array.from({ length: 4 }, () => createGraphqlClient(service.baseUrl));
  cleanup.add(() => clients.forEach((replayClient) => replayClient.close()));

  const loadBefore = loadavg()[0];
  const cpuBefore = machineCpuSeconds();
  const othersSeen = new Set(otherBenchmarks(__filename));
  const results: ModeResult[] = [];
  for (const mode of modes) {
    log(`measuring ${mode.name}…`);
    results.push(await measureMode(browser, mode, service.baseUrl, clients, options));
    for (const name of otherBenchmarks(__filename)) othersSeen.add(name);
  }
  const cpuAfter = machineCpuSeconds();
  const busy = cpuAfter.busy - cpuBefore.busy;
  const busyShare = busy / Math.max(1e-9, busy + cpuAfter.idle - cpuBefore.idle);
  const peakRss = service.peakRssBytes();

  // Report.
  const widths = [12, 6, 8, 8, 8, 8, 9, 9, 10, 10, 12];
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('');
  const rows = results.map((result) => {
    const drawn = result.loads.map((load) => load.drawnMs);
    const p50 = percentile(drawn, 0.5);
    const floorP50 = percentile(
      result.floors.map((floor) => floor.totalMs),
      0.5,
    );
    return line([
      result.mode.name,
      String(result.loads.length),
      ms(p50),
      ms(percentile(drawn, 0.95)),
      ms(Math.min(...drawn)),
      ms(Math.max(...drawn)),
      `≤ ${format(TARGET_MS)}`,
      result.failure ? 'ERROR' : p50 <= TARGET_MS ? '✔' : '✘',
      ms(floorP50),
      ms(
        percentile(
          result.floors.map((floor) => floor.totalMs),
          0.95,
        ),
      ),
      ms(p50 - floorP50),
    ]);
  });
  const milestoneWidths = [12, 7, 9, 7, 11, 11, 9, 13, 8, 7, 7];
  const milestoneLine = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === 0 ? cell.padEnd(milestoneWidths[i]) : cell.padStart(milestoneWidths[i]),
      )
      .join('');
  const milestones = results
    .filter((result) => result.loads.length > 0)
    .map((result) => {
      const p50 = (pick: (load: Load) => number) => ms(percentile(result.loads.map(pick), 0.5));
      return milestoneLine([
        result.mode.name,
        p50((load) => load.htmlMs),
        p50((load) => load.scriptsMs),
        p50((load) => load.domContentLoadedMs),
        p50((load) => load.firstGraphqlMs),
        p50((load) => load.shellDataMs),
        p50((load) => load.overviewSentMs),
        p50((load) => load.overviewDataMs),
        p50((load) => load.insertedMs),
        p50((load) => load.drawnMs),
        p50((load) => load.wallMs),
      ]);
    });
  const floorDetails = results
    .filter((result) => result.floors.length > 0)
    .map((result) => {
      const operations = result.rounds.flat().map((request) => request.operation);
      const perOperation = operations
        .map(
          (operation) =>
            `${operation} ${ms(percentile(result.floors.map((floor) => floor.perOperation.get(operation) ?? NaN).filter(Number.isFinite), 0.5))}`,
        )
        .join(', ');
      const overviewP50 = percentile(
        result.floors.map((floor) => floor.overviewMs),
        0.5,
      );
      return (
        `  ${result.mode.name}: ${roundsText(result.rounds)}; p50 per request ms: ${perOperation}; ` +
        `the overview's round alone ${ms(overviewP50)} ms`
      );
    });
  const sample = results.flatMap((result) => result.loads)[0];
  const c = dataset.rows;
  const out = [
    '',
    `Dashboard benchmark, scale ${options.scale}: ${format(c.users)} users, ${format(c.npsResponses)} NPS ` +
      `responses (${format(c.matchedNpsResponses)} matched) + ${format(c.otherResponses)} csat, ` +
      `${format(c.activityEvents)} activity events; built in ${format(buildSeconds)} s`,
    `PostgreSQL ${database.version} (${database.kind}, default settings); Chromium ${browser.version()} ` +
      `headless (--headless --no-sandbox --disable-gpu --disable-background-networking), 1280×900; ` +
      `${options.warmups} warm-up load${options.warmups === 1 ? '' : 's'}, then ${options.loads} per mode, ` +
      `each in a new browser context (cold in the page: empty HTTP cache, storage and connections; ` +
      `same browser process; service warm); service peak RSS ${peakRss === null ? 'n/a' : `${format(peakRss / 2 ** 20)} MB`}`,
    `Machine: 2 cores, load ${format(loadBefore, 1)} before / ${format(loadavg()[0], 1)} after, ` +
      `CPU ${format(100 * busyShare)} % busy while measuring; other benchmarks running: ` +
      `${othersSeen.size ? [...othersSeen].join(', ') : 'none'}`,
    `Initial JavaScript: ${javascript} (client/scripts/report-size.mjs)` +
      (sample
        ? `; the page received ${format(sample.scriptEncodedBytes / 1024, 1)} KB of script ` +
          `(${format(sample.scriptDecodedBytes / 1024, 1)} KB decoded)`
        : ''),
    '',
    'Navigation start → overview trend chart drawn with data (ms, the page clock):',
    line([
      'mode',
      'loads',
      'p50',
      'p95',
      'min',
      'max',
      'target',
      'verdict',
      'floor p50',
      'floor p95',
      'p50 − floor',
    ]),
    ...rows,
    '',
    'p50 milestones from navigation start (ms):',
    milestoneLine([
      'mode',
      'HTML',
      'scripts',
      'DCL',
      '1st sent',
      'shell data',
      'ov. sent',
      'ov. answered',
      'in DOM',
      'drawn',
      'wall',
    ]),
    ...milestones,
    '',
    `  scripts: the JavaScript received; DCL: DOMContentLoaded; 1st sent: the first GraphQL ` +
      `request; shell data: the rounds before the overview's answered; ov. sent / ov. answered: ` +
      `the overview's Summary and Trend sent / both answered; in DOM: the MutationObserver ` +
      `callback that first saw the chart hold a data point; drawn: a task queued from the next ` +
      `animation frame (the measure); wall: page.goto until playwright saw the mark, timed here.`,
    `  Floor: the page's GraphQL requests before the chart drew, replayed over HTTP (keep-alive, ` +
      `requests of a round in parallel on separate connections, after each measured load):`,
    ...floorDetails,
    ...results
      .filter((result) => result.failure)
      .map((result) => `  ERROR ${result.mode.name}: ${result.failure}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (results.some((result) => result.failure)) process.exitCode = 1;
}

runBenchmark(log, main);
