import { Semaphore, SlotWaitAborted } from './semaphore';

describe('Semaphore', () => {
  it('grants up to its slots at once and the rest in arrival order as slots free', async () => {
    const semaphore = new Semaphore(2);
    const order: string[] = [];
    const first = await semaphore.acquire();
    const second = await semaphore.acquire();
    const third = semaphore.acquire().then((release) => (order.push('third'), release));
    const fourth = semaphore.acquire().then((release) => (order.push('fourth'), release));
    expect(semaphore.inUse).toBe(2);
    expect(semaphore.queued).toBe(2);
    first();
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual(['third', 'fourth']);
    expect(semaphore.inUse).toBe(0);
  });

  it('releases a slot once however often release is called', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    release();
    release();
    expect(semaphore.inUse).toBe(0);
    await semaphore.acquire();
    expect(semaphore.inUse).toBe(1);
  });

  it('refuses a waiter whose signal aborts, and never grants it later', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort('client went away');
    await expect(waiting).rejects.toBeInstanceOf(SlotWaitAborted);
    expect(semaphore.queued).toBe(0);
    release();
    expect(semaphore.inUse).toBe(0);
  });

  it('refuses at once when the signal has already aborted, even with a free slot', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(new Semaphore(3).acquire(controller.signal)).rejects.toBeInstanceOf(
      SlotWaitAborted,
    );
  });

  it('rejects a slot count that is not a positive integer', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});
