/**
 * What a benchmark started, undone once whatever happens: on success, on an error and on
 * SIGINT/SIGTERM (a second signal exits without waiting), so no database, cluster, service or
 * browser is left behind.
 */

/** A wrong command-line flag: exit 2 with the message alone. */
export class UsageError extends Error {}

export class Cleanup {
  private readonly steps: Array<() => Promise<void> | void> = [];
  private running: Promise<void> | null = null;
  private signalled = false;

  constructor(private readonly log: (message: string) => void) {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      process.on(signal, () => {
        if (this.signalled) {
          log(`${signal} again: exiting without waiting for cleanup`);
          process.exit(code);
        }
        this.signalled = true;
        log(`${signal}: stopping and cleaning up…`);
        void this.run().finally(() => process.exit(code));
      });
    }
  }

  /** Set by SIGINT/SIGTERM: stop working; what fails from then on is the echo of the stop. */
  get interrupted(): boolean {
    return this.signalled;
  }

  /** Set once the cleanup has begun (a dropped database connection is expected then). */
  get started(): boolean {
    return this.running !== null;
  }

  /** Steps run in reverse order of registration. */
  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  /** Runs every step once, logging (not throwing) what fails; later calls share the run. */
  run(): Promise<void> {
    return (this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step();
        } catch (error) {
          this.log(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })());
  }
}

/**
 * Runs a benchmark's `main` with a Cleanup, then cleans up and exits: 0, 1 on an error, 2 on a
 * UsageError; after a signal the signal's own handler cleans up and exits.
 */
export function runBenchmark(
  log: (message: string) => void,
  main: (cleanup: Cleanup) => Promise<void>,
): void {
  const cleanup = new Cleanup(log);
  main(cleanup)
    .then(
      () => cleanup.run(),
      async (error: unknown) => {
        if (cleanup.interrupted) return;
        log(
          error instanceof UsageError
            ? error.message
            : `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        process.exitCode = error instanceof UsageError ? 2 : 1;
        await cleanup.run();
      },
    )
    .finally(() => {
      if (!cleanup.interrupted) process.exit();
    });
}
