import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * The Delighted simulator in a child process of its own (so its CPU is not the service's), driven
 * over the IPC channel: the benchmark asks it for people to create as users and tells it to
 * change responses before the incremental run. The child is delighted-simulator-child.ts.
 */

export interface SimulatorChildOptions {
  responses: number;
  seed: number;
  apiKey: string;
}

/** One changed response as the simulator now serves it. */
export interface ChangedResponse {
  id: string;
  score: number;
  comment: string | null;
  /** Unix seconds. */
  updatedAt: number;
}

export interface PeopleSample {
  /** Emails as typed (odd case and spaces kept) of every `every`-th person that has an email. */
  users: Array<{ personId: string; email: string }>;
  /** Responses whose person's normalised email is one of those users' emails. */
  expectedMatched: number;
  peopleWithEmail: number;
  people: number;
}

export interface SimulatorStats {
  requests: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  rssBytes: number;
}

/** Messages from the benchmark to the child. */
export type SimulatorRequest =
  | { type: 'people'; id: number; every: number }
  | { type: 'change'; id: number; count: number; at: number }
  | { type: 'stats'; id: number };

/** Messages from the child to the benchmark. */
export type SimulatorReply =
  | { type: 'ready'; baseUrl: string; responseCount: number; generatedMs: number }
  | { type: 'people'; id: number; sample: PeopleSample }
  | { type: 'change'; id: number; changed: ChangedResponse[] }
  | { type: 'stats'; id: number; stats: SimulatorStats }
  | { type: 'error'; id: number | null; message: string };

type Answer<T extends SimulatorReply['type']> = Extract<SimulatorReply, { type: T }>;

export class SimulatorChild {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (reply: SimulatorReply) => void; reject: (error: Error) => void }
  >();
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;
  private readonly killOnExit = () => this.exitCode === undefined && this.child.kill('SIGKILL');

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    readonly responseCount: number,
    readonly generatedMs: number,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        for (const { reject } of this.waiting.values()) {
          reject(new Error(`the simulator exited (code ${code})`));
        }
        this.waiting.clear();
        resolve();
      }),
    );
    child.on('message', (message: SimulatorReply) => {
      if (message.type === 'ready') return;
      const pending = message.id === null ? undefined : this.waiting.get(message.id);
      if (!pending) return;
      this.waiting.delete(message.id!);
      if (message.type === 'error') pending.reject(new Error(`simulator: ${message.message}`));
      else pending.resolve(message);
    });
    process.once('exit', this.killOnExit);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Forks the child, waits until it generated its data and listens; resolves with its URL. */
  static async start(
    options: SimulatorChildOptions,
    log: (message: string) => void,
  ): Promise<SimulatorChild> {
    const child = fork(
      join(__dirname, 'delighted-simulator-child.ts'),
      [
        '--responses',
        String(options.responses),
        '--seed',
        String(options.seed),
        '--api-key',
        options.apiKey,
      ],
      {
        execArgv: ['-r', 'ts-node/register/transpile-only'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    try {
      const ready = await new Promise<Answer<'ready'>>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`the simulator exited with code ${code}`)));
        child.once('error', reject);
        child.on('message', (message: SimulatorReply) => {
          if (message.type === 'ready') resolve(message);
          else if (message.type === 'error') reject(new Error(`simulator: ${message.message}`));
        });
      });
      child.removeAllListeners('exit');
      child.removeAllListeners('message');
      log(
        `simulator pid ${child.pid}: ${ready.responseCount.toLocaleString('en-US')} responses ` +
          `generated in ${ready.generatedMs} ms, serving ${ready.baseUrl}`,
      );
      return new SimulatorChild(child, ready.baseUrl, ready.responseCount, ready.generatedMs);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  private ask<T extends SimulatorRequest['type']>(
    request: Omit<Extract<SimulatorRequest, { type: T }>, 'id'> & { type: T },
  ): Promise<Answer<T>> {
    if (this.exitCode !== undefined) return Promise.reject(new Error('the simulator has exited'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (reply: SimulatorReply) => void, reject });
      this.child.send({ ...request, id }, (error) => {
        if (!error) return;
        this.waiting.delete(id);
        reject(error);
      });
    });
  }

  /** Every `every`-th person with an email, and how many responses their emails should match. */
  async people(every: number): Promise<PeopleSample> {
    return (await this.ask({ type: 'people', every })).sample;
  }

  /** Changes `count` responses spread over the whole range (score and comment, updated_at `at`). */
  async change(count: number, at: number): Promise<ChangedResponse[]> {
    return (await this.ask({ type: 'change', count, at })).changed;
  }

  async stats(): Promise<SimulatorStats> {
    return (await this.ask({ type: 'stats' })).stats;
  }

  /** Closes the IPC channel (the child then stops its server and exits); SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (this.exitCode === undefined) {
      if (this.child.connected) this.child.disconnect();
      else this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
    process.removeListener('exit', this.killOnExit);
  }
}
