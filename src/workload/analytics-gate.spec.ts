import { loadConfig } from '../config/app-config';
import { AnalyticsCancelledError, AnalyticsGate, AnalyticsOverloadedError } from './analytics-gate';
import { withWorkSignal } from './request-work';

const gateOf = (slots: number, env: Record<string, string> = {}) =>
  new AnalyticsGate(
    loadConfig({
      DATABASE_POOL_SIZE: String(slots + 1),
      ANALYTICS_MAX_CONCURRENCY: String(slots),
      ...env,
    }),
  );

/** A promise and its resolver. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('AnalyticsGate', () => {
  it('runs at most its slots at once; the rest start as slots free', async () => {
    const gate = gateOf(1);
    const first = deferred();
    const started: string[] = [];
    const one = gate.run(async () => (started.push('one'), first.promise));
    const two = gate.run(async () => void started.push('two'));
    await Promise.resolve();
    expect(gate.load).toEqual({ running: 1, queued: 1 });
    expect(started).toEqual(['one']);
    first.resolve();
    await Promise.all([one, two]);
    expect(started).toEqual(['one', 'two']);
    expect(gate.load).toEqual({ running: 0, queued: 0 });
  });

  it('never starts queued work of a request that is cancelled while it waits', async () => {
    const gate = gateOf(1);
    const busy = deferred();
    const holder = gate.run(() => busy.promise);
    const controller = new AbortController();
    let ran = false;
    const queued = withWorkSignal(controller.signal, () =>
      gate.run(async () => {
        ran = true;
      }),
    );
    controller.abort('client went away');
    await expect(queued).rejects.toBeInstanceOf(AnalyticsCancelledError);
    busy.resolve();
    await holder;
    expect(ran).toBe(false);
    expect(gate.load).toEqual({ running: 0, queued: 0 });
  });

  it('cancels running work once, waits for the cancel, and says it was cancelled', async () => {
    const gate = gateOf(2);
    const controller = new AbortController();
    const statement = deferred();
    const cancelDone = deferred();
    const events: string[] = [];
    const running = withWorkSignal(controller.signal, () =>
      gate.run((slot) =>
        slot.cancellable(
          async () => {
            events.push('cancel sent');
            await cancelDone.promise;
            events.push('cancel landed');
            // PostgreSQL fails the cancelled statement.
            statement.resolve();
          },
          async () => {
            await statement.promise;
            events.push('statement ended');
            throw new Error('canceling statement due to user request');
          },
        ),
      ),
    );
    await Promise.resolve();
    controller.abort('response sent');
    controller.abort('again');
    cancelDone.resolve();
    await expect(running).rejects.toThrow(/cancelled \(response sent\)/);
    expect(events).toEqual(['cancel sent', 'cancel landed', 'statement ended']);
  });

  it('leaves work of a request that is not cancelled alone, and outside any request too', async () => {
    const gate = gateOf(1);
    const controller = new AbortController();
    const cancel = jest.fn(async () => undefined);
    await expect(
      withWorkSignal(controller.signal, () =>
        gate.run((slot) => slot.cancellable(cancel, async () => 42)),
      ),
    ).resolves.toBe(42);
    controller.abort('response sent');
    expect(cancel).not.toHaveBeenCalled();
    await expect(
      gate.run((slot) => slot.cancellable(cancel, async () => 'no request')),
    ).resolves.toBe('no request');
  });

  it('sheds work beyond its queue at once with 503 and Retry-After, and runs what it queued', async () => {
    // One slot, one place in the queue, a 4.5 s queue timeout: Retry-After rounds it up to 5 s.
    const gate = gateOf(1, { ANALYTICS_MAX_QUEUE: '1', ANALYTICS_QUEUE_TIMEOUT_MS: '4500' });
    const busy = deferred();
    const ran: string[] = [];
    const holder = gate.run(() => busy.promise);
    const queued = gate.run(async () => void ran.push('queued'));
    let shedRan = false;
    const shed = gate.run(async () => {
      shedRan = true;
    });
    await expect(shed).rejects.toBeInstanceOf(AnalyticsOverloadedError);
    await expect(shed).rejects.toMatchObject({
      code: 'OVERLOADED',
      details: { retryAfterSeconds: 5 },
      message: expect.stringContaining('ANALYTICS_MAX_QUEUE=1'),
    });
    expect(gate.status).toMatchObject({ running: 1, queued: 1, maxQueue: 1, shed: 1 });
    busy.resolve();
    await Promise.all([holder, queued]);
    expect(ran).toEqual(['queued']);
    expect(shedRan).toBe(false);
    expect(gate.load).toEqual({ running: 0, queued: 0 });
  });

  it('gives up waiting after ANALYTICS_QUEUE_TIMEOUT_MS with 503, and the slot is not lost', async () => {
    jest.useFakeTimers();
    try {
      const gate = gateOf(1, { ANALYTICS_QUEUE_TIMEOUT_MS: '1000' });
      const busy = deferred();
      const holder = gate.run(() => busy.promise);
      let ran = false;
      const waiting = gate.run(async () => {
        ran = true;
      });
      const outcome = expect(waiting).rejects.toMatchObject({
        code: 'OVERLOADED',
        message: expect.stringContaining('ANALYTICS_QUEUE_TIMEOUT_MS=1000'),
      });
      jest.advanceTimersByTime(999);
      await Promise.resolve();
      expect(gate.load).toEqual({ running: 1, queued: 1 });
      jest.advanceTimersByTime(1);
      await outcome;
      expect(gate.load).toEqual({ running: 1, queued: 0 });
      busy.resolve();
      await holder;
      expect(ran).toBe(false);
      await gate.run(async () => undefined);
      expect(gate.load).toEqual({ running: 0, queued: 0 });
    } finally {
      jest.useRealTimers();
    }
  });
});
