import { AlertEvaluationService } from '../src/alerts/evaluation/alert-evaluation.service';
import { ChangeRulesEvaluator } from '../src/alerts/evaluation/change-rules.evaluator';
import { OutboxRepository } from '../src/alerts/outbox/outbox.repository';
import { AlertRulesRepository } from '../src/alerts/rules/alert-rules.repository';
import { TestApp } from './support/test-app';
import { withTestDatabase } from './support/test-database';
import {
  EVENT_FIELDS,
  EventView,
  Keys,
  addUsers,
  alertsEnvironment,
  createRule,
  evaluate,
  events,
  importResponses,
  planted,
  plantedProDrop,
  startAlertsTestApp,
} from './support/alerts-fixtures';
import { WebhookReceiver, startWebhookReceiver } from '../tools/harness/webhook-receiver';

const DAY = 86_400_000;

/** docs/nps-method.md written out again, independently of src/analytics: Δ and its interval. */
function difference(a: [number, number, number], b: [number, number, number], z = 1.96) {
  const wald = ([P, A, D]: [number, number, number]) => {
    const n = P + A + D;
    const p = (P + 0.75) / (n + 3);
    const d = (D + 0.75) / (n + 3);
    return {
      nps: (100 * (P - D)) / n,
      centre: 100 * (p - d),
      se: 100 * Math.sqrt((p * (1 - p) + d * (1 - d) + 2 * p * d) / (n + 3)),
    };
  };
  const one = wald(a);
  const two = wald(b);
  const margin = z * Math.sqrt(one.se ** 2 + two.se ** 2);
  return {
    difference: one.nps - two.nps,
    ciLow: one.centre - two.centre - margin,
    ciHigh: one.centre - two.centre + margin,
  };
}

describe('NPS_DROP evaluation on planted data', () => {
  let test: TestApp;
  let receiver: WebhookReceiver;
  let environmentId: string;
  let keys: Keys;
  let proRule: string;
  let freeRule: string;
  const now = new Date();

  const dropInput = (name: string, plan: string) => ({
    name,
    kind: 'NPS_DROP',
    filter: { conditions: [{ property: 'plan', equals: plan }] },
    destinations: [{ kind: 'WEBHOOK', url: `${receiver.url}/${plan}` }],
  });

  beforeAll(async () => {
    test = await startAlertsTestApp();
    receiver = await startWebhookReceiver();
    ({ environmentId, keys } = await alertsEnvironment(test));
    await addUsers(test, keys, environmentId, { pro: 20, free: 20 });
    const baseline = {
      from: new Date(now.getTime() - 35 * DAY),
      to: new Date(now.getTime() - 7 * DAY),
    };
    const current = {
      from: new Date(now.getTime() - 7 * DAY),
      to: new Date(now.getTime() - 3_600_000),
    };
    await importResponses(test, keys, environmentId, plantedProDrop(baseline, current));
    proRule = (await createRule(test, keys.ADMIN, environmentId, dropInput('Pro drop', 'pro'))).id;
    freeRule = (await createRule(test, keys.ADMIN, environmentId, dropInput('Free drop', 'free')))
      .id;
  });
  afterAll(async () => {
    await test.close();
    await receiver.close();
  });

  const states = async () =>
    Object.fromEntries(
      (
        await test.ok<{ environment: { alertRules: Array<{ id: string; state: string }> } }>(
          keys.ANALYST,
          'query($env: ID!) { environment(id: $env) { alertRules { id state } } }',
          { env: environmentId },
        )
      ).environment.alertRules.map((rule) => [rule.id, rule.state]),
    );

  it('fires once, only for the filter that dropped, with the figures of docs/nps-method.md', async () => {
    const created = await evaluate(test, keys.ADMIN, environmentId);
    expect(created.map((event) => event.ruleId)).toEqual([proRule]);
    const [event] = created;
    const expected = difference([10, 10, 30], [60, 20, 20]);
    expect(event.current).toMatchObject({ responses: 50, promoters: 10, detractors: 30 });
    expect(event.baseline).toMatchObject({ responses: 100, promoters: 60, detractors: 20 });
    expect(event.current!.nps).toBeCloseTo(-40, 9);
    expect(event.baseline!.nps).toBeCloseTo(40, 9);
    expect(event.change!.difference).toBeCloseTo(expected.difference, 9);
    expect(event.change!.ciLow).toBeCloseTo(expected.ciLow, 6);
    expect(event.change!.ciHigh).toBeCloseTo(expected.ciHigh, 6);
    expect(event.change!.significant).toBe(true);
    // The trend link marks both windows: baseline start, the split, the evaluation time.
    const link = new URL(event.dashboardUrl.replace('/#/', '/'));
    expect(link.pathname).toBe('/overview');
    expect(link.searchParams.get('mark')!.split('~')).toEqual([
      event.baseline!.from,
      event.current!.from,
      event.current!.to,
    ]);
    expect(await states()).toEqual({ [proRule]: 'FIRING', [freeRule]: 'ARMED' });
  });

  it('does not fire again while the drop keeps holding', async () => {
    expect(await evaluate(test, keys.ADMIN, environmentId)).toEqual([]);
    expect(await evaluate(test, keys.ARCHITECT, environmentId)).toEqual([]);
    expect((await events(test, keys.ANALYST, environmentId)).length).toBe(1);
  });

  it('fires nothing for an evaluation that read the rule as armed after another one fired it', async () => {
    const stored = await test.app.get(AlertRulesRepository).get(environmentId, proRule);
    const stale = { ...stored!.rule, state: 'ARMED' as const };
    const later = new Date(Date.now() + 60_000);
    expect(
      await test.app.get(ChangeRulesEvaluator).evaluate(environmentId, [stale], later),
    ).toEqual([]);
    expect((await events(test, keys.ANALYST, environmentId)).length).toBe(1);
    expect(await states()).toEqual({ [proRule]: 'FIRING', [freeRule]: 'ARMED' });
  });

  it('re-arms after an evaluation where it does not hold, then fires again', async () => {
    const service = test.app.get(AlertEvaluationService);
    // Eight days on, the current window holds no response: the condition does not hold.
    expect(await service.evaluate(environmentId, new Date(now.getTime() + 8 * DAY))).toEqual([]);
    expect(await states()).toEqual({ [proRule]: 'ARMED', [freeRule]: 'ARMED' });
    const again = await evaluate(test, keys.ADMIN, environmentId);
    expect(again.map((event) => event.ruleId)).toEqual([proRule]);
    expect((await events(test, keys.ANALYST, environmentId, proRule)).length).toBe(2);
    expect(await events(test, keys.ANALYST, environmentId, freeRule)).toEqual([]);
  });

  it('refuses evaluateAlerts to an ANALYST', async () => {
    const result = await test.graphql(
      keys.ANALYST,
      `mutation($env: ID!) { evaluateAlerts(environmentId: $env) { id } }`,
      { env: environmentId },
    );
    expect(result.errors![0].extensions?.code).toBe('FORBIDDEN');
  });

  it('previews the last 90 days with the live evaluation at past times', async () => {
    type Preview = {
      evaluations: number;
      alerts: number;
      firings: Array<{
        at: string;
        current: EventView['current'];
        baseline: EventView['baseline'];
        change: EventView['change'];
      }>;
    };
    const preview = async (plan: string) =>
      (
        await test.ok<{ environment: { alertPreview: Preview } }>(
          keys.ANALYST,
          `query($env: ID!, $input: AlertRuleInput!) { environment(id: $env) { alertPreview(input: $input) {
             evaluations alerts firings { at ${EVENT_FIELDS.match(/current \{[^}]*\}\s*baseline \{[^}]*\}\s*change \{[^}]*\}/)![0]} } } } }`,
          { env: environmentId, input: { ...dropInput('preview', plan), destinations: [] } },
        )
      ).environment.alertPreview;
    const free = await preview('free');
    expect(free).toMatchObject({ evaluations: 90, alerts: 0, firings: [] });
    const pro = await preview('pro');
    // The drop holds from the first daily evaluation that sees enough of it until today: once.
    expect(pro.alerts).toBe(1);
    const [firing] = pro.firings;
    expect(firing.change!.ciHigh).toBeLessThan(0);
    // A fresh rule evaluated live at that same past time fires with the same figures.
    const fresh = (await createRule(test, keys.ADMIN, environmentId, dropInput('Pro again', 'pro')))
      .id;
    const created = await test.app
      .get(AlertEvaluationService)
      .evaluate(environmentId, new Date(firing.at));
    const live = created.filter((event) => event.ruleId === fresh);
    expect(live).toHaveLength(1);
    expect(live[0].figures.current).toEqual(firing.current);
    expect(live[0].figures.baseline).toEqual(firing.baseline);
    expect(live[0].figures.change).toMatchObject(firing.change!);
  });

  it('records a delivery outcome only under the claim that is still its own', async () => {
    // This app does not deliver: the events above left their deliveries pending.
    const outbox = test.app.get(OutboxRepository);
    const claimed = await outbox.claim(100, 60, 'current-claim');
    expect(claimed.length).toBeGreaterThan(0);
    const outcome = (claimToken: string) =>
      claimed.map((delivery) => ({
        delivery: { ...delivery, claimToken },
        status: 'DELIVERED' as const,
        httpStatus: 200,
        error: null,
        retryAt: null,
      }));
    expect([...(await outbox.record(outcome('a-claim-that-ran-out')))]).toEqual([]);
    expect([...(await outbox.record(outcome('current-claim')))].sort()).toEqual(
      claimed.map((delivery) => String(delivery.id)).sort(),
    );
    // Recorded once: a second record under the same claim finds it no longer pending.
    expect([...(await outbox.record(outcome('current-claim')))]).toEqual([]);
  });
});

interface DigestView {
  kind: string;
  evaluatedAt: string;
  current: { responses: number; nps: number };
  baseline: { responses: number; nps: number };
  change: { significant: boolean };
  digest: {
    promoterComments: Array<{ score: number; comment: string }>;
    detractorComments: Array<{ score: number; comment: string }>;
  };
}

describe('DIGEST', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startAlertsTestApp();
  });
  afterAll(() => test.close());

  it('sends one digest when its time comes, with figures and comments, then waits for the next', async () => {
    const { environmentId, keys } = await alertsEnvironment(test);
    await addUsers(test, keys, environmentId, { pro: 4 });
    const now = Date.now();
    await importResponses(test, keys, environmentId, [
      {
        id: 'g1',
        email: 'pro0@x.test',
        score: 10,
        comment: 'Love the reports',
        at: new Date(now - 2 * DAY),
      },
      { id: 'g2', email: 'pro1@x.test', score: 9, comment: '  ', at: new Date(now - 3 * DAY) },
      {
        id: 'g3',
        email: 'pro2@x.test',
        score: 2,
        comment: 'Too slow',
        at: new Date(now - 4 * DAY),
      },
      { id: 'g4', email: 'pro3@x.test', score: 7, at: new Date(now - 9 * DAY) },
    ]);
    const rule = await createRule<{ nextDigestAt: string; schedule: string | null }>(
      test,
      keys.ADMIN,
      environmentId,
      {
        name: 'Weekly',
        kind: 'DIGEST',
        destinations: [{ kind: 'WEBHOOK', url: 'http://127.0.0.1:9/d' }],
      },
    );
    // Default schedule: Monday 09:00 in the environment's zone (UTC here).
    const next = new Date(rule.nextDigestAt);
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 9, 0]);
    expect(await evaluate(test, keys.ADMIN, environmentId)).toEqual([]);
    // Its time comes (moved into the past rather than waiting for Monday).
    const due = new Date(now - 60_000);
    await withTestDatabase((client) =>
      client.query('UPDATE alert_rules SET next_digest_at = $2 WHERE id = $1', [rule.id, due]),
    );
    const [digest] = await test
      .ok<{ evaluateAlerts: Array<DigestView> }>(
        keys.ADMIN,
        `mutation($env: ID!) { evaluateAlerts(environmentId: $env) { kind evaluatedAt
         current { responses nps ciLow ciHigh } baseline { responses nps } change { difference significant }
         digest { topActivities { eventType } promoterComments { score comment } detractorComments { score comment } } } }`,
        { env: environmentId },
      )
      .then((result) => result.evaluateAlerts);
    expect(digest.kind).toBe('DIGEST');
    expect(new Date(digest.evaluatedAt).getTime()).toBe(due.getTime());
    // Last 7 days: 10, 9, 2 (NPS 33.3); the 7 before: 7 (NPS 0).
    expect(digest.current.responses).toBe(3);
    expect(digest.current.nps).toBeCloseTo(100 / 3, 9);
    expect(digest.baseline).toEqual({ responses: 1, nps: 0 });
    expect(digest.change.significant).toBe(false);
    expect(digest.digest.promoterComments).toEqual([{ score: 10, comment: 'Love the reports' }]);
    expect(digest.digest.detractorComments).toEqual([{ score: 2, comment: 'Too slow' }]);
    expect(await evaluate(test, keys.ADMIN, environmentId)).toEqual([]);
    const { rows } = await withTestDatabase((client) =>
      client.query('SELECT next_digest_at FROM alert_rules WHERE id = $1', [rule.id]),
    );
    expect(rows[0].next_digest_at.getTime()).toBeGreaterThan(now);
  });
});

describe('noise at small n', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startAlertsTestApp();
  });
  afterAll(() => test.close());

  it('evaluates a drop by itself after the import that stored it, past the request', async () => {
    const { environmentId, keys } = await alertsEnvironment(test);
    await addUsers(test, keys, environmentId, { pro: 10 });
    const rule = await createRule(test, keys.ADMIN, environmentId, {
      name: 'After import',
      kind: 'NPS_DROP',
      destinations: [{ kind: 'WEBHOOK', url: 'http://127.0.0.1:9/never' }],
    });
    const now = Date.now();
    await importResponses(test, keys, environmentId, [
      ...planted(
        'b',
        'pro',
        10,
        { promoters: 60, passives: 20, detractors: 20 },
        new Date(now - 35 * DAY),
        new Date(now - 7 * DAY),
      ),
      ...planted(
        'c',
        'pro',
        10,
        { promoters: 10, passives: 10, detractors: 30 },
        new Date(now - 7 * DAY),
        new Date(now - 60_000),
      ),
    ]);
    // No evaluateAlerts: the evaluation the import started finds the drop (its analytics are not
    // cancelled with the import's finished request).
    let found: EventView[] = [];
    for (let round = 0; round < 100 && found.length === 0; round++) {
      found = await events(test, keys.ANALYST, environmentId, rule.id);
      if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(found).toHaveLength(1);
  });

  it('does not fire on a change as large as a real drop when the interval holds 0', async () => {
    const { environmentId, keys } = await alertsEnvironment(test);
    await addUsers(test, keys, environmentId, { pro: 5 });
    const now = Date.now();
    const baseline = { from: new Date(now - 35 * 86_400_000), to: new Date(now - 7 * 86_400_000) };
    const current = { from: new Date(now - 7 * 86_400_000), to: new Date(now - 60_000) };
    await importResponses(test, keys, environmentId, [
      ...planted(
        'b',
        'pro',
        5,
        { promoters: 3, passives: 1, detractors: 1 },
        baseline.from,
        baseline.to,
      ),
      ...planted(
        'c',
        'pro',
        5,
        { promoters: 1, passives: 1, detractors: 3 },
        current.from,
        current.to,
      ),
    ]);
    // NPS 40 → −40 (Δ = −80, as in the planted drop) but n = 5 each: the 95 % interval of Δ is
    // [−127.48, 27.48], which holds 0.
    expect(difference([1, 1, 3], [3, 1, 1]).ciHigh).toBeCloseTo(27.4758, 3);
    await createRule(test, keys.ADMIN, environmentId, {
      name: 'Small',
      kind: 'NPS_DROP',
      minResponses: 5,
      destinations: [{ kind: 'WEBHOOK', url: 'http://127.0.0.1:9/never' }],
    });
    expect(await evaluate(test, keys.ADMIN, environmentId)).toEqual([]);
  });
});
