import { AddressInfo } from 'node:net';
import type { DelightedSimulator } from '../tools/delighted-simulator/delighted-simulator';
import { TestApp } from './support/test-app';
import { withTestDatabase } from './support/test-database';
import { connectedEnvironment, startSimulator, syncNow } from './support/delighted-fixtures';
import {
  Keys,
  addUsers,
  alertsEnvironment,
  createRule,
  evaluate,
  evaluateUntil,
  events,
  importResponses,
  startAlertsTestApp,
} from './support/alerts-fixtures';

const NOW = Math.floor(Date.now() / 1000);

describe('DETRACTOR_RESPONSE: one alert per detractor response, whatever writes it', () => {
  let test: TestApp;
  let simulator: DelightedSimulator;
  let environmentId: string;
  let keys: Keys;
  let all: string;
  let withComment: string;

  const webhookUrl = () =>
    `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}/webhooks/delighted/${environmentId}`;
  const start = async () => {
    test = await startAlertsTestApp();
    await test.app.listen(0, '127.0.0.1');
  };

  beforeAll(async () => {
    await start();
    simulator = await startSimulator({ responses: [] });
    ({ environmentId, keys } = await connectedEnvironment(test, simulator));
    await addUsers(test, keys, environmentId, { pro: 5 });
    // Stored before the rules exist: never alerted.
    simulator.addResponse({
      id: '100',
      person: { id: 'old', email: 'pro0@x.test' },
      score: 2,
      comment: 'old and angry',
      created_at: NOW - 3600,
    });
    await syncNow(test, keys.ARCHITECT, environmentId);
    const slack = [{ kind: 'SLACK', url: 'http://127.0.0.1:9/unused' }];
    all = (
      await createRule(test, keys.ADMIN, environmentId, {
        name: 'Every detractor',
        kind: 'DETRACTOR_RESPONSE',
        destinations: slack,
      })
    ).id;
    withComment = (
      await createRule(test, keys.ADMIN, environmentId, {
        name: 'Detractors who wrote',
        kind: 'DETRACTOR_RESPONSE',
        commentRequired: true,
        destinations: slack,
      })
    ).id;
  });
  afterAll(async () => {
    await test.close();
    await simulator.stop();
  });

  it('alerts nothing for responses stored before the rule', async () => {
    expect(await evaluate(test, keys.ADMIN, environmentId)).toEqual([]);
  });

  it('alerts each synced detractor once, with its figures, across sync replays', async () => {
    simulator.addResponse({
      id: '101',
      person: { id: 'a', email: 'Pro1@X.test ' },
      score: 3,
      comment: 'Too slow',
      created_at: NOW - 60,
    });
    simulator.addResponse({
      id: '102',
      person: { id: 'b', email: 'pro2@x.test' },
      score: 6,
      created_at: NOW - 50,
    });
    simulator.addResponse({
      id: '103',
      person: { id: 'c', email: 'nobody@x.test' },
      score: 0,
      created_at: NOW - 40,
    });
    simulator.addResponse({
      id: '104',
      person: { id: 'd', email: 'pro3@x.test' },
      score: 9,
      created_at: NOW - 30,
    });
    simulator.addResponse({
      id: '105',
      person: { id: 'e', email: 'pro4@x.test' },
      score: 7,
      comment: 'ok',
      created_at: NOW - 20,
    });
    await syncNow(test, keys.ARCHITECT, environmentId);
    const alerts = await evaluateUntil(test, keys.ADMIN, environmentId, all, 3);
    expect(alerts.map((event) => event.response!.responseId).sort()).toEqual(['101', '102', '103']);
    const first = alerts.find((event) => event.response!.responseId === '101')!;
    expect(first.response).toMatchObject({
      score: 3,
      comment: 'Too slow',
      email: 'Pro1@X.test ',
      userIdentity: 'pro-1',
      permalink: expect.stringContaining('101'),
    });
    // One outbox row per destination, written with the event (this app does not deliver).
    expect(first.deliveries).toEqual([
      expect.objectContaining({ kind: 'SLACK', destination: 'http://127.0.0.1:9' }),
    ]);
    await evaluateUntil(test, keys.ADMIN, environmentId, withComment, 1);
    // The overlap re-reads every response: nothing changes, nothing fires again.
    await syncNow(test, keys.ARCHITECT, environmentId);
    await syncNow(test, keys.ARCHITECT, environmentId);
    await evaluateUntil(test, keys.ADMIN, environmentId, all, 3);
  });

  it('alerts a webhook delivery once however often Delighted repeats it', async () => {
    const response = simulator.addResponse({
      id: '200',
      person: { id: 'w', email: 'pro0@x.test' },
      score: 1,
      comment: 'Broken',
      created_at: NOW - 10,
    });
    for (let i = 0; i < 3; i++)
      expect(
        (await simulator.sendWebhook(webhookUrl(), 'survey_response.created', response.id)).status,
      ).toBe(200);
    await evaluateUntil(test, keys.ADMIN, environmentId, all, 4);
    await evaluateUntil(test, keys.ADMIN, environmentId, withComment, 2);
  });

  it('alerts an imported detractor once however often the file is imported', async () => {
    const file = [{ id: 'i-1', email: 'pro2@x.test', score: 4, at: new Date((NOW - 5) * 1000) }];
    expect((await importResponses(test, keys, environmentId, file)).inserted).toBe(1);
    expect((await importResponses(test, keys, environmentId, file)).inserted).toBe(0);
    await evaluateUntil(test, keys.ADMIN, environmentId, all, 5);
  });

  it('alerts a comment-required rule when the comment arrives in a later update, once', async () => {
    simulator.updateResponse('102', { comment: 'Now I explain' }, NOW);
    await syncNow(test, keys.ARCHITECT, environmentId);
    const alerts = await evaluateUntil(test, keys.ADMIN, environmentId, withComment, 3);
    expect(alerts.map((event) => event.response!.responseId).sort()).toEqual(['101', '102', '200']);
    // The other rule had alerted 102 already.
    await evaluateUntil(test, keys.ADMIN, environmentId, all, 5);
  });

  it('fires nothing again after a restart, nor when two instances evaluate at once', async () => {
    await test.close();
    await start();
    const second = await startAlertsTestApp();
    try {
      await Promise.all([
        evaluate(test, keys.ADMIN, environmentId),
        evaluate(second, keys.ADMIN, environmentId),
        evaluate(test, keys.ADMIN, environmentId),
        evaluate(second, keys.ADMIN, environmentId),
      ]);
      simulator.addResponse({
        id: '300',
        person: { id: 'z', email: 'pro4@x.test' },
        score: 5,
        created_at: NOW - 1,
      });
      await Promise.all([
        syncNow(test, keys.ARCHITECT, environmentId),
        evaluate(second, keys.ADMIN, environmentId),
      ]);
      await Promise.all([
        evaluate(test, keys.ADMIN, environmentId),
        evaluate(second, keys.ADMIN, environmentId),
      ]);
      await evaluateUntil(test, keys.ADMIN, environmentId, all, 6);
      const rows = await withTestDatabase((client) =>
        client.query(
          `SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS distinct_keys FROM alert_events
            WHERE environment_id = $1 AND rule_id = $2`,
          [environmentId, all],
        ),
      );
      expect(rows.rows[0]).toEqual({ n: 6, distinct_keys: 6 });
    } finally {
      await second.close();
    }
  });

  it('never skips a response whose transaction commits after a later one', async () => {
    // Another environment, so the later writer is not queued behind the earlier one's locks.
    const other = await alertsEnvironment(test);
    await addUsers(test, other.keys, other.environmentId, { pro: 2 });
    const otherRule = (
      await createRule(test, other.keys.ADMIN, other.environmentId, {
        name: 'Other',
        kind: 'DETRACTOR_RESPONSE',
        destinations: [{ kind: 'SLACK', url: 'http://127.0.0.1:9/unused' }],
      })
    ).id;
    const before = (await events(test, keys.ADMIN, environmentId, all)).length;
    await withTestDatabase(async (early) => {
      await early.query('BEGIN');
      // This transaction writes first (its id is the smaller) and commits last.
      await early.query(
        `INSERT INTO survey_responses (environment_id, response_id, source, survey_type, score, is_nps, responded_at)
         VALUES ($1, 'late-commit', 'import', 'nps', 2, true, now())`,
        [environmentId],
      );
      await importResponses(test, other.keys, other.environmentId, [
        { id: 'early-commit', email: 'pro1@x.test', score: 3, at: new Date() },
      ]);
      // The later, committed write is not read while the earlier transaction runs: the horizon
      // stops below it, so no watermark can pass a change that may still commit.
      expect(await evaluate(test, other.keys.ADMIN, other.environmentId)).toEqual([]);
      expect(await evaluate(test, keys.ADMIN, environmentId)).toEqual([]);
      await early.query('COMMIT');
    });
    const alerts = await evaluateUntil(test, keys.ADMIN, environmentId, all, before + 1);
    expect(alerts.map((event) => event.response!.responseId)).toContain('late-commit');
    const others = await evaluateUntil(test, other.keys.ADMIN, other.environmentId, otherRule, 1);
    expect(others[0].response!.responseId).toBe('early-commit');
  });
});

describe('DETRACTOR_RESPONSE over one transaction larger than a pass', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startAlertsTestApp();
  });
  afterAll(() => test.close());

  it('alerts each of 2,100 detractors one import stored, once', async () => {
    const { environmentId, keys } = await alertsEnvironment(test);
    const rule = await createRule(test, keys.ADMIN, environmentId, {
      name: 'Bulk',
      kind: 'DETRACTOR_RESPONSE',
      destinations: [{ kind: 'SLACK', url: 'http://127.0.0.1:9/unused' }],
    });
    const at = new Date();
    await importResponses(
      test,
      keys,
      environmentId,
      Array.from({ length: 2100 }, (_, i) => ({ id: `bulk-${i}`, email: null, score: i % 7, at })),
    );
    await evaluate(test, keys.ADMIN, environmentId);
    const { rows } = await withTestDatabase((client) =>
      client.query(
        `SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS keys FROM alert_events
          WHERE environment_id = $1 AND rule_id = $2`,
        [environmentId, rule.id],
      ),
    );
    expect(rows[0]).toEqual({ n: 2100, keys: 2100 });
  });
});
