/** One query of the analytics benchmark and what it runs in. */
import type { Principal } from '../../src/auth/principal';
import type { AnalyticsService } from './analytics-explain';

export interface QueryContext {
  environmentId: string;
  /** End (exclusive) of the dataset's two years. */
  to: Date;
  from: Date;
  /** Event type of segmentComparison. */
  eventType: string;
}

export interface Floor {
  sql: string;
  params: unknown[];
}

export interface MeasuredQuery {
  name: string;
  /** Target p50 in ms set for this query, or null when none is set. */
  targetMs: number | null;
  query: string;
  variables: Record<string, unknown>;
  floor: Floor;
  /** Throws when the GraphQL answer disagrees with the floor's rows. */
  check(data: unknown, floorRows: Array<Record<string, unknown>>): void;
  capture(service: AnalyticsService, principal: Principal): Promise<unknown>;
}
