import { mulberry32 } from '../delighted-simulator/simulated-responses';
import type { SimulatedResponseInput } from '../delighted-simulator/simulated-responses';

/**
 * Synthetic product data with a real relation between activity and NPS, for the demo and the
 * analytics benchmark: each person has a latent engagement e in [0, 1]; engaged people do the
 * "good" activities more, hit support less, and score higher.
 */
export interface DemoPerson {
  id: string;
  identity: string;
  /** As a user would type it in the survey tool: odd case and spaces for some. */
  surveyEmail: string | null;
  /** As the product knows it (user property). */
  productEmail: string;
  hasUser: boolean;
  engagement: number;
  plan: 'free' | 'pro' | 'team';
}

export interface DemoEvent {
  identity: string;
  event: string;
  timestamp: string;
  properties: Record<string, string | number>;
}

/** Event types and how their weekly rate depends on engagement e: base + slope·e. */
export const DEMO_ACTIVITIES: ReadonlyArray<{ name: string; base: number; slope: number }> = [
  { name: 'Login', base: 2, slope: 3 },
  { name: 'View Dashboard', base: 1.5, slope: 2 },
  { name: 'Create Report', base: 0.1, slope: 2.5 },
  { name: 'Share Dashboard', base: 0.05, slope: 1.2 },
  { name: 'Invite Teammate', base: 0.02, slope: 0.4 },
  { name: 'Export CSV', base: 0.3, slope: 0.3 },
  { name: 'Contact Support', base: 0.6, slope: -0.5 },
  { name: 'Error Shown', base: 0.8, slope: -0.6 },
];

export interface DemoDataset {
  people: DemoPerson[];
  responses: SimulatedResponseInput[];
  events: DemoEvent[];
}

const DAY = 86_400;

/** Deterministic for a seed; `endAt` (Unix seconds) is the newest time generated. */
export function generateDemoData(options: {
  people: number;
  seed?: number;
  endAt: number;
  spanDays?: number;
  /** Weeks of activity generated before each response (the engagement window). */
  activityWeeks?: number;
}): DemoDataset {
  const random = mulberry32(options.seed ?? 42);
  const spanDays = options.spanDays ?? 730;
  const activityWeeks = options.activityWeeks ?? 6;
  const people: DemoPerson[] = [];
  const responses: SimulatedResponseInput[] = [];
  const events: DemoEvent[] = [];
  const poisson = (mean: number) => {
    // Knuth's method; means here are small.
    const limit = Math.exp(-mean);
    let k = 0;
    let p = random();
    while (p > limit) {
      k += 1;
      p *= random();
    }
    return k;
  };
  let responseId = 100_000;
  for (let index = 0; index < options.people; index++) {
    const engagement = random();
    const id = `person-${index + 1}`;
    const productEmail = `user${index + 1}@demo-customer.com`;
    const smsOnly = random() < 0.05;
    const oddCase = random() < 0.3;
    const surveyEmail = smsOnly
      ? null
      : oddCase
        ? `  ${productEmail.charAt(0).toUpperCase()}${productEmail.slice(1).replace('@demo-customer.com', '@Demo-Customer.COM')} `
        : productEmail;
    const plan = engagement > 0.7 ? 'team' : engagement > 0.35 ? 'pro' : 'free';
    const person: DemoPerson = {
      id,
      identity: `u-${index + 1}`,
      surveyEmail,
      productEmail,
      hasUser: random() > 0.04,
      engagement,
      plan,
    };
    people.push(person);
    const answers = 1 + Math.floor(random() * 3);
    for (let answer = 0; answer < answers; answer++) {
      const createdAt = options.endAt - Math.floor(random() * spanDays * DAY);
      const noise = (random() + random() + random() - 1.5) * 3;
      const score = Math.max(0, Math.min(10, Math.round(3.2 + 7 * engagement + noise)));
      const nonNps = random() < 0.06;
      const updated = random() < 0.5;
      responses.push({
        id: String(responseId++),
        person: {
          id,
          email: surveyEmail,
          phone_number: smsOnly ? `+1555${String(index).padStart(7, '0')}` : null,
        },
        survey_type: nonNps ? 'csat' : 'nps',
        score: nonNps ? 1 + Math.floor(random() * 5) : score,
        comment: updated ? demoComment(score, random) : null,
        created_at: createdAt,
        updated_at: updated
          ? Math.min(options.endAt, createdAt + Math.floor(random() * 3 * DAY))
          : null,
      });
      if (!person.hasUser) continue;
      for (const activity of DEMO_ACTIVITIES) {
        const weekly = Math.max(0.02, activity.base + activity.slope * engagement);
        const count = poisson(weekly * activityWeeks);
        for (let n = 0; n < count; n++) {
          const at = createdAt - Math.floor(random() * activityWeeks * 7 * DAY) - 1;
          events.push({
            identity: person.identity,
            event: activity.name,
            timestamp: new Date(at * 1000).toISOString(),
            properties: { plan, source: random() < 0.7 ? 'web' : 'mobile' },
          });
        }
      }
    }
  }
  responses.sort((a, b) => a.created_at! - b.created_at!);
  return { people, responses, events };
}

const PRAISE = [
  'Reports save me hours every week.',
  'Sharing dashboards with my team is great.',
  'Love it.',
];
const NEUTRAL = ['Does the job.', 'Fine, a bit slow sometimes.', 'OK for now.'];
const COMPLAINTS = [
  'Too many errors lately.',
  'Support took days to answer.',
  'Hard to find anything.',
];

function demoComment(score: number, random: () => number): string {
  const pool = score >= 9 ? PRAISE : score >= 7 ? NEUTRAL : COMPLAINTS;
  return pool[Math.floor(random() * pool.length)];
}
