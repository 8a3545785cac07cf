/**
 * Alerts benchmark, on the reference dataset in a throwaway database with the real service
 * (node dist/src/main.js):
 *  1. `--rules` NPS_DROP/NPS_RISE rules (default 1,000; filters: none or one plan) evaluated in one
 *     pass through evaluateAlerts — target under 5 s at scale 1;
 *  2. `--alerts` detractor responses (default 10,000) imported under one DETRACTOR_RESPONSE rule
 *     with a WEBHOOK to a local receiver, by an instance that does not deliver; then a second
 *     instance delivers them — target ≥ 500 deliveries/s, none lost or doubled, RSS under 400 MB.
 *
 *   npm run bench:alerts -- [--scale 1] [--rules 1000] [--alerts 10000] [--seed 0.42]
 *
 * DATABASE_URL set: a new nps_bench_<random> database on that server (dropped after); otherwise
 * an embedded PostgreSQL in a temporary folder. Exits 1 when an alert is lost or doubled.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Cleanup, runBenchmark } from '../tools/harness/cleanup';
import { buildServiceIfNeeded, startService } from '../tools/harness/service-process';
import { openBenchDatabase } from '../tools/harness/throwaway-database';
import { startWebhookReceiver } from '../tools/harness/webhook-receiver';
import { loadReferenceEnvironment } from './support/analytics-dataset';
import { elapsedMs, format, numberFlag, otherBenchmarks } from './support/figures';

const log = (message: string) => process.stderr.write(`${message}\n`);
const EVALUATION_TARGET_MS = 5000;
const DELIVERY_TARGET_PER_SECOND = 500;
const RSS_TARGET_BYTES = 400 * 1024 * 1024;
const PLANS = ['free', 'pro', 'enterprise'];

async function main(cleanup: Cleanup): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      rules: { type: 'string', default: '1000' },
      alerts: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '0.42' },
    },
  });
  const scale = numberFlag(values, 'scale', 0.001, 10, false);
  const ruleCount = numberFlag(values, 'rules', 1, 100_000, true);
  const alertCount = numberFlag(values, 'alerts', 1, 1_000_000, true);
  const seed = numberFlag(values, 'seed', -1, 1, false);
  buildServiceIfNeeded(log);
  const { database, client } = await openBenchDatabase(process.env.DATABASE_URL, cleanup, log);
  const { dataset } = await loadReferenceEnvironment(client, 'alerts-bench', scale, { log, seed });
  const environmentId = dataset.environmentId;
  const receiver = await startWebhookReceiver({ keep: false });
  cleanup.add(() => receiver.close());
  const shared = {
    RUN_MIGRATIONS: 'false',
    DELIGHTED_SYNC_ENABLED: 'false',
    ALERTS_SCHEDULE_ENABLED: 'false',
    ALERTS_ALLOW_PRIVATE_URLS: 'true',
    // The dataset's 400,000 comments would otherwise be analysed by both instances during the
    // measurement (bench:analytics measures that backfill).
    COMMENT_ANALYSIS_ENABLED: 'false',
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
  };
  const writer = await startService({
    databaseUrl: database.url,
    log,
    cleanup,
    env: { ...shared, ALERTS_DELIVERY_ENABLED: 'false' },
  });
  const admin = writer.adminKey;

  // 1. Many change rules, one evaluation pass.
  log(`creating ${ruleCount} NPS_DROP/NPS_RISE rules…`);
  for (let i = 0; i < ruleCount; i++) {
    const plan = i % 4 === 3 ? null : PLANS[i % 3];
    await writer.graphql(
      admin,
      `mutation($env: ID!, $input: AlertRuleInput!) { createAlertRule(environmentId: $env, input: $input) { id } }`,
      {
        env: environmentId,
        input: {
          name: `rule ${i}`,
          kind: i % 2 === 0 ? 'NPS_DROP' : 'NPS_RISE',
          filter: plan ? { conditions: [{ property: 'plan', equals: plan }] } : null,
          windowDays: [7, 14, 28][i % 3],
          baselineDays: [28, 56][i % 2],
          minChangePoints: 1 + (i % 10),
          destinations: [{ kind: 'WEBHOOK', url: `${receiver.url}/rules` }],
        },
      },
    );
  }
  const loadBefore = loadavg()[0];
  const evaluationStarted = process.hrtime.bigint();
  const { evaluateAlerts } = await writer.graphql<{ evaluateAlerts: unknown[] }>(
    admin,
    `mutation($env: ID!) { evaluateAlerts(environmentId: $env) { id } }`,
    { env: environmentId },
  );
  const evaluationMs = elapsedMs(evaluationStarted);
  const { rows: ruleRows } = await client.query<{ id: string }>(
    `SELECT id FROM alert_rules WHERE environment_id = $1`,
    [environmentId],
  );
  await client.query(`DELETE FROM alert_rules WHERE environment_id = $1`, [environmentId]);
  log(
    `evaluated ${ruleRows.length} rules in ${format(evaluationMs)} ms (${evaluateAlerts.length} fired)`,
  );

  // 2. Detractor alerts written by the writer (which does not deliver)…
  await writer.graphql(
    admin,
    `mutation($env: ID!, $input: AlertRuleInput!) { createAlertRule(environmentId: $env, input: $input) { id } }`,
    {
      env: environmentId,
      input: {
        name: 'every detractor',
        kind: 'DETRACTOR_RESPONSE',
        destinations: [{ kind: 'WEBHOOK', url: `${receiver.url}/detractors` }],
      },
    },
  );
  log(`importing ${alertCount} detractor responses…`);
  const now = Math.floor(Date.now() / 1000);
  for (let start = 0; start < alertCount; start += 2000) {
    const batch = Array.from({ length: Math.min(2000, alertCount - start) }, (_, i) => ({
      id: `alert-bench-${start + i}`,
      person: { id: `alert-bench-person-${start + i}`, email: null, phone_number: '+15550100' },
      survey_type: 'nps',
      score: (start + i) % 7,
      comment: 'bench detractor',
      permalink: null,
      created_at: now - 60,
      updated_at: null,
    }));
    await writer.graphql(
      admin,
      `mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }`,
      { env: environmentId, json: JSON.stringify(batch) },
    );
  }
  const countEvents = async () =>
    (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM alert_events WHERE environment_id = $1 AND kind = 'DETRACTOR_RESPONSE'`,
        [environmentId],
      )
    ).rows[0].n;
  for (let round = 0; round < 600 && (await countEvents()) < alertCount; round++) {
    await writer.graphql(
      admin,
      `mutation($env: ID!) { evaluateAlerts(environmentId: $env) { id } }`,
      {
        env: environmentId,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const events = await countEvents();
  await writer.stop();

  // …then delivered by a second instance.
  log(`delivering ${events} alerts…`);
  const deliverer = await startService({
    databaseUrl: database.url,
    log,
    cleanup,
    env: { ...shared, ALERTS_DELIVERY_ENABLED: 'true', ALERTS_DELIVERY_POLL_MS: '50' },
  });
  const pending = async () =>
    (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM alert_deliveries WHERE environment_id = $1 AND status = 'PENDING'`,
        [environmentId],
      )
    ).rows[0].n;
  const deadline = Date.now() + 30 * 60_000;
  while ((await pending()) > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  const rss = deliverer.sampledMaxRssBytes();
  await deliverer.stop();
  const received = receiver.requests.filter((request) => request.path === '/detractors');
  const ids = new Set(received.map((request) => String(request.headers['webhook-id'])));
  const { rows: outcome } = await client.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM alert_deliveries WHERE environment_id = $1 GROUP BY status`,
    [environmentId],
  );
  const delivered = outcome.find((row) => row.status === 'DELIVERED')?.n ?? 0;
  const spanMs =
    received.length > 1 ? received[received.length - 1].receivedAt - received[0].receivedAt : NaN;
  const perSecond = received.length > 1 ? ((received.length - 1) * 1000) / spanMs : NaN;
  const lost = alertCount - delivered;
  const doubled = received.length - ids.size;

  const line = (name: string, value: string, target: string, met: boolean) =>
    console.log(
      `${name.padEnd(38)} ${value.padStart(14)}   target ${target.padEnd(12)} ${met ? 'met' : 'MISSED'}`,
    );
  console.log(
    `\nalerts benchmark at scale ${scale} (${dataset.counts.npsResponses} NPS responses)`,
  );
  console.log(
    `load average before: ${format(loadBefore, 2)}; other benchmarks: ${otherBenchmarks(__filename).join(', ') || 'none'}`,
  );
  line(
    `evaluate ${ruleRows.length} rules, one pass (ms)`,
    format(evaluationMs),
    `< ${EVALUATION_TARGET_MS}`,
    evaluationMs < EVALUATION_TARGET_MS,
  );
  line(
    `deliver ${events} detractor alerts (per s)`,
    format(perSecond, 1),
    `≥ ${DELIVERY_TARGET_PER_SECOND}`,
    perSecond >= DELIVERY_TARGET_PER_SECOND,
  );
  line(
    'delivered / lost / doubled',
    `${delivered} / ${lost} / ${doubled}`,
    '0 lost, 0 doubled',
    lost === 0 && doubled === 0,
  );
  line(
    'delivering instance peak RSS (MB)',
    format(rss / 1024 / 1024, 1),
    '< 400',
    rss < RSS_TARGET_BYTES,
  );
  if (lost !== 0 || doubled !== 0 || events !== alertCount) {
    log(`events ${events}, deliveries ${JSON.stringify(outcome)}, requests ${received.length}`);
    process.exitCode = 1;
  }
}

runBenchmark(log, main);
