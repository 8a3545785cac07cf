import { EnvReader } from './env-reader';

/** How an instance sheds analytics work past its capacity instead of queueing without bound. */
export interface WorkloadSettings {
  /** Analytics statements that may wait for a slot at once; beyond it they answer 503 at once. */
  readonly analyticsMaxQueue: number;
  /** Longest an analytics statement waits for a slot before it answers 503. */
  readonly analyticsQueueTimeoutMs: number;
}

/** ANALYTICS_MAX_QUEUE and ANALYTICS_QUEUE_TIMEOUT_MS. */
export function readWorkloadSettings(reader: EnvReader): WorkloadSettings {
  return {
    analyticsMaxQueue: reader.integer('ANALYTICS_MAX_QUEUE', 200, 0, 100_000),
    analyticsQueueTimeoutMs: reader.integer('ANALYTICS_QUEUE_TIMEOUT_MS', 10_000, 1, 600_000),
  };
}
