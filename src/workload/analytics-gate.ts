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
 * serves: queued work of a cancelled request never starts, running work is stopped.
 */
@Injectable()
export class AnalyticsGate {
  private readonly logger = new Logger('AnalyticsGate');
  private readonly slots: Semaphore;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.slots = new Semaphore(config.analyticsMaxConcurrency);
  }

  /** Statements running and waiting for a slot. */
  get load(): { running: number; queued: number } {
    return { running: this.slots.inUse, queued: this.slots.queued };
  }

  async run<T>(work: (slot: AnalyticsSlot) => Promise<T>): Promise<T> {
    const signal = currentWorkSignal();
    let release: () => void;
    try {
      release = await this.slots.acquire(signal);
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
