import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { currentWorkSignal } from './request-work';
import { Semaphore, SlotWaitAborted } from './semaphore';

/** The request's analytics were cancelled: its client went away or its response was sent. */
export class AnalyticsCancelledError extends AppError {
  constructor(reason: unknown) {
    super(
      'TIMEOUT',
      `The analytics work was cancelled (${String(reason ?? 'cancelled')}) before it finished.`,
    );
  }
}

/**
 * The instance is past its analytics capacity: the queue for slots is full, or the statement
 * waited ANALYTICS_QUEUE_TIMEOUT_MS without one. Answers 503 with Retry-After; nothing ran.
 */
export class AnalyticsOverloadedError extends AppError {
  constructor(why: string, retryAfterSeconds: number) {
    super(
      'OVERLOADED',
      `This instance is at its analytics capacity (${why}); nothing was run. Retry in ${retryAfterSeconds} s, or ask for less at once.`,
      { retryAfterSeconds },
    );
  }
}

/** Why waiting for a slot stopped on its own. */
class QueueTimeout extends Error {}

/** A piece of work holding an analytics slot. */
export interface AnalyticsSlot {
  /**
   * Runs `work`; should the request be cancelled meanwhile, calls `cancel` (which stops the
   * running statement) and waits for it before returning, so the connection is never handed on
   * with a cancel still in flight.
   */
  cancellable<T>(cancel: () => Promise<unknown>, work: () => Promise<T>): Promise<T>;
}

/**
 * Bounds analytics work per instance to ANALYTICS_MAX_CONCURRENCY statements at once (fewer than
 * the pool's connections, so /health and ingestion always find one) and ties it to the request it
 * serves: queued work of a cancelled request never starts, running work is stopped. Past
 * capacity it sheds instead of queueing without bound: at most ANALYTICS_MAX_QUEUE statements
 * wait, each at most ANALYTICS_QUEUE_TIMEOUT_MS; the others fail at once with
 * AnalyticsOverloadedError (503, Retry-After).
 */
@Injectable()
export class AnalyticsGate {
  private readonly logger = new Logger('AnalyticsGate');
  private readonly slots: Semaphore;
  private readonly maxQueue: number;
  private readonly queueTimeoutMs: number;
  private shed = 0;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.slots = new Semaphore(config.analyticsMaxConcurrency);
    this.maxQueue = config.workload.analyticsMaxQueue;
    this.queueTimeoutMs = config.workload.analyticsQueueTimeoutMs;
  }

  /** Statements running and waiting for a slot. */
  get load(): { running: number; queued: number } {
    return { running: this.slots.inUse, queued: this.slots.queued };
  }

  /** The load, the bounds and how many statements were shed since start (for /health). */
  get status(): {
    running: number;
    queued: number;
    maxConcurrency: number;
    maxQueue: number;
    shed: number;
  } {
    return {
      ...this.load,
      maxConcurrency: this.slots.slots,
      maxQueue: this.maxQueue,
      shed: this.shed,
    };
  }

  private get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.queueTimeoutMs / 1000));
  }

  private overloaded(why: string): AnalyticsOverloadedError {
    this.shed += 1;
    return new AnalyticsOverloadedError(why, this.retryAfterSeconds);
  }

  async run<T>(work: (slot: AnalyticsSlot) => Promise<T>): Promise<T> {
    const signal = currentWorkSignal();
    let release: () => void;
    try {
      release = await this.acquire(signal);
    } catch (error) {
      if (error instanceof SlotWaitAborted) throw new AnalyticsCancelledError(error.reason);
      throw error;
    }
    try {
      return await work({
        cancellable: (cancel, inner) => this.cancellable(signal, cancel, inner),
      });
    } catch (error) {
      // A cancelled statement fails with PostgreSQL's 57014; say why instead.
      if (signal?.aborted) throw new AnalyticsCancelledError(signal.reason);
      throw error;
    } finally {
      release();
    }
  }

  /** A slot: at once when one is free, else after waiting in a bounded queue for a bounded time. */
  private acquire(signal: AbortSignal | undefined): Promise<() => void> {
    if (this.slots.inUse < this.slots.slots || signal?.aborted) return this.slots.acquire(signal);
    if (this.slots.queued >= this.maxQueue)
      throw this.overloaded(
        `${this.slots.inUse} statements running and ${this.slots.queued} waiting, ANALYTICS_MAX_QUEUE=${this.maxQueue}`,
      );
    return this.waitForSlot(signal);
  }

  private async waitForSlot(signal: AbortSignal | undefined): Promise<() => void> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new QueueTimeout()), this.queueTimeoutMs);
    try {
      return await this.slots.acquire(
        signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
      );
    } catch (error) {
      if (error instanceof SlotWaitAborted && error.reason instanceof QueueTimeout)
        throw this.overloaded(
          `no analytics slot freed within ANALYTICS_QUEUE_TIMEOUT_MS=${this.queueTimeoutMs} ms`,
        );
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async cancellable<T>(
    signal: AbortSignal | undefined,
    cancel: () => Promise<unknown>,
    work: () => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted) throw new AnalyticsCancelledError(signal.reason);
    let cancelling: Promise<unknown> | null = null;
    const onAbort = () => {
      this.logger.log({ msg: 'analytics statement cancelled', reason: String(signal?.reason) });
      cancelling = cancel().catch((error: unknown) =>
        this.logger.warn(`could not cancel an analytics statement: ${String(error)}`),
      );
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await work();
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (cancelling) await cancelling;
    }
  }
}
