import { mulberry32 } from '../../../tools/delighted-simulator/simulated-responses';
import type { TestApp } from '../../support/test-app';

const DAY = 86_400_000;

const COMMENTS = [
  'Reports are exactly what our team needed.',
  'Far too slow when exporting large files.',
  'Pricing is confusing.',
  'Love the new dashboard!',
  'Support answered within minutes, thank you.',
  'Missing an integration with our CRM.',
  null,
  null,
];

/**
 * Users with a plan and an email, activity over the last 18 months (engaged users do more and
 * score higher; scores improve recently), and NPS responses imported through the public API.
 */
export async function seedAnalytics(
  test: TestApp,
  keys: { ADMIN: string; INGEST: string },
  environmentId: string,
  now = Date.now(),
): Promise<{ responses: number }> {
  // Seeded (the simulator's mulberry32), so every run seeds the same data.
  const next = mulberry32(42);
  await test.ok(
    keys.ADMIN,
    'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
    { env: environmentId },
  );
  const ingest = (path: string, body: object) =>
    test.http
      .post(path)
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({ app_id: environmentId, ...body })
      .expect(200);
  const USERS = 240;
  const users = Array.from({ length: USERS }, (_, i) => ({
    identity: `user-${i}`,
    properties: {
      email: `user${i}@example.com`,
      plan: i % 3 === 0 ? 'pro' : i % 3 === 1 ? 'team' : 'free',
      country: ['DE', 'US', 'FR', 'GB'][i % 4],
    },
  }));
  await ingest('/api/add_user_properties', { users });
  // Accounts by country (the Accounts view), before the responses so they are counted at once.
  await test.ok(
    keys.ADMIN,
    'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "country") { id } }',
    { env: environmentId },
  );
  const engagement = (i: number) => (i % 4 === 0 ? 3 : i % 4 === 1 ? 1 : i % 4 === 2 ? 0.3 : 0);
  const events: Array<Record<string, unknown>> = [];
  for (let i = 0; i < USERS; i++) {
    const rate = engagement(i);
    const count = Math.round(rate * 40);
    for (let k = 0; k < count; k++) {
      const event =
        next() < 0.6 ? 'Create Report' : next() < 0.5 ? 'Export CSV' : 'Invite Teammate';
      events.push({
        identity: `user-${i}`,
        event,
        timestamp: new Date(now - next() * 540 * DAY).toISOString(),
      });
    }
    if (i % 5 === 0) {
      events.push({
        identity: `user-${i}`,
        event: 'Open Settings',
        timestamp: new Date(now - next() * 540 * DAY).toISOString(),
      });
    }
  }
  for (let start = 0; start < events.length; start += 1000) {
    await ingest('/api/track', { events: events.slice(start, start + 1000) });
  }
  const responses: Array<Record<string, unknown>> = [];
  const RESPONSES = 620;
  for (let r = 0; r < RESPONSES; r++) {
    const age = next() * 520 * DAY + DAY / 3;
    const i = Math.floor(next() * (USERS + 40));
    const matched = i < USERS;
    const recent = age < 90 * DAY ? 1.6 : 0;
    const base = matched ? 5.4 + engagement(i) * 1.2 + recent : 6 + recent;
    const score = Math.max(0, Math.min(10, Math.round(base + (next() - 0.5) * 6)));
    const email = matched ? `User${i}@Example.com` : i % 2 ? `guest${i}@elsewhere.org` : null;
    responses.push({
      id: `r${r}`,
      person: { id: `p${i}`, email, phone_number: email ? null : '+15550000' },
      survey_type: r % 29 === 0 ? 'csat' : 'nps',
      score: r % 29 === 0 ? 4 : score,
      comment: COMMENTS[Math.floor(next() * COMMENTS.length)],
      permalink: `https://delighted.example/r/${r}`,
      created_at: Math.floor((now - age) / 1000),
      updated_at: null,
    });
  }
  await test.ok(
    keys.ADMIN,
    'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
    { env: environmentId, json: JSON.stringify(responses) },
  );
  return { responses: RESPONSES };
}
