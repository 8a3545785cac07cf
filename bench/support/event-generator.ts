/**
 * Deterministic synthetic events for the ingestion benchmark. Every batch has its own PRNG seeded
 * from (seed, batch index), so a batch is the same whichever order batches are generated in and
 * the COPY floor can regenerate exactly the rows the API received.
 */
import { mulberry32 } from '../../tools/delighted-simulator/simulated-responses';

export const BATCH_SIZE = 1000;
const TWO_YEARS_MS = 730 * 24 * 60 * 60 * 1000;
const PLANS = ['free', 'starter', 'team', 'pro', 'enterprise'] as const;

export interface EventShape {
  events: number;
  users: number;
  types: number;
  seed: number;
  /** Timestamps fall in (nowMs - 2 years, nowMs]. */
  nowMs: number;
}

/** One generated event; the object is reused between calls of the visitor. */
export interface GeneratedEvent {
  /** Position in the whole stream, 0-based; also makes the idempotency key. */
  index: number;
  user: number;
  type: number;
  timeMs: number;
  /** The properties as compact JSON, in the key order JSON.stringify would keep. */
  properties: string;
}

function mix(seed: number, batch: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(batch + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

export function batchCount(shape: EventShape): number {
  return Math.ceil(shape.events / BATCH_SIZE);
}

export function identityOf(user: number): string {
  return `user-${user}`;
}

export function idempotencyKeyOf(shape: EventShape, index: number): string {
  return `bench-${shape.seed}-${index}`;
}

export function typeNames(types: number): string[] {
  const width = String(types - 1).length;
  return Array.from({ length: types }, (_, type) => `Event ${String(type).padStart(width, '0')}`);
}

/** Calls `visit` for each event of one batch, in order. */
export function forEachEventOfBatch(
  shape: EventShape,
  batch: number,
  visit: (event: GeneratedEvent) => void,
): void {
  const random = mulberry32(mix(shape.seed, batch));
  const first = batch * BATCH_SIZE;
  const end = Math.min(shape.events, first + BATCH_SIZE);
  const event: GeneratedEvent = { index: 0, user: 0, type: 0, timeMs: 0, properties: '' };
  for (let index = first; index < end; index++) {
    event.index = index;
    event.user = Math.floor(random() * shape.users);
    // Squared: a few types are common and most are rare, as in real products.
    const r = random();
    event.type = Math.floor(r * r * shape.types);
    event.timeMs = shape.nowMs - Math.floor(random() * TWO_YEARS_MS);
    const plan = PLANS[Math.floor(random() * PLANS.length)];
    const value = Math.floor(random() * 1000);
    event.properties =
      random() < 0.5
        ? `{"plan":"${plan}","value":${value}}`
        : `{"plan":"${plan}","value":${value},"path":"/page/${Math.floor(random() * 100)}"}`;
    visit(event);
  }
}

/**
 * The bulk `/api/track` body of one batch, built as a string (every generated value is plain
 * ASCII without quotes or backslashes, so no escaping is needed).
 */
export function buildTrackBody(
  shape: EventShape,
  batch: number,
  appId: string,
  names: readonly string[],
): { body: Buffer; count: number } {
  const items: string[] = [];
  forEachEventOfBatch(shape, batch, (event) => {
    items.push(
      `{"identity":"${identityOf(event.user)}","event":"${names[event.type]}","timestamp":"${new Date(
        event.timeMs,
      ).toISOString()}","properties":${event.properties},"idempotency_key":"${idempotencyKeyOf(
        shape,
        event.index,
      )}"}`,
    );
  });
  return {
    body: Buffer.from(`{"app_id":"${appId}","events":[${items.join(',')}]}`),
    count: items.length,
  };
}
