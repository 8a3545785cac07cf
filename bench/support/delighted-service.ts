import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { throwawayServiceState } from './service-process';

const ROOT = join(__dirname, '..', '..');

/** The real service (`node dist/src/main.js`) as a child process, with its memory and CPU. */
export interface DelightedService {
  readonly pid: number;
  readonly baseUrl: string;
  /** VmHWM: peak resident set size since start, bytes (null once the process is gone). */
  peakRssBytes(): number | null;
  /** VmRSS now, bytes (null once the process is gone). */
  rssBytes(): number | null;
  /** GraphQL call with a bearer key; no client-side timeout (a sync may take minutes). */
  graphql<T>(key: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  post(path: string, key: string, body: unknown): Promise<{ status: number; text: string }>;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

export function buildServiceIfNeeded(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-needed.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export async function startDelightedService(options: {
  databaseUrl: string;
  port: number;
  bootstrapAdminKey: string;
  encryptionKeys: string;
  log: (message: string) => void;
}): Promise<DelightedService> {
  const state = throwawayServiceState();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...state.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      RUN_MIGRATIONS: 'false',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      BOOTSTRAP_ADMIN_KEY: options.bootstrapAdminKey,
      LOG_LEVEL: 'warn',
      DELIGHTED_SYNC_ENABLED: 'false',
      // The benchmark's Delighted simulator listens on 127.0.0.1.
      DELIGHTED_ALLOW_PRIVATE_URLS: 'true',
      ENCRYPTION_KEYS: options.encryptionKeys,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the service (no pid)');
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const killOnExit = () => exitCode === undefined && child.kill('SIGKILL');
  process.once('exit', killOnExit);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => options.log(`[service] ${line}`));
  }

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const post = (path: string, key: string, body: unknown) =>
    httpPost(options.port, path, key, JSON.stringify(body));
  const service: DelightedService = {
    pid,
    baseUrl,
    peakRssBytes: () => procStatusKb(pid, 'VmHWM'),
    rssBytes: () => procStatusKb(pid, 'VmRSS'),
    post,
    async graphql<T>(key: string, query: string, variables: Record<string, unknown> = {}) {
      const { status, text } = await post('/graphql', key, { query, variables });
      let result: { data?: T; errors?: unknown[] };
      try {
        result = JSON.parse(text);
      } catch {
        throw new Error(`GraphQL HTTP ${status}: ${text.slice(0, 500)}`);
      }
      if (status !== 200 || result.errors?.length || !result.data) {
        throw new Error(`GraphQL HTTP ${status}: ${JSON.stringify(result.errors ?? result)}`);
      }
      return result.data;
    },
    async stop() {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      state.remove();
    },
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exitCode !== undefined) {
      await service.stop();
      throw new Error(`the service exited with code ${exitCode} before answering /health`);
    }
    const healthy = await fetch(`${baseUrl}/health`).then(
      async (response) => (await response.arrayBuffer(), response.status === 200),
      () => false,
    );
    if (healthy) return service;
    if (Date.now() > deadline) {
      await service.stop();
      throw new Error('the service did not answer /health within 120 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A POST over plain node:http: unlike fetch, no headers timeout cuts a long sync short. */
function httpPost(
  port: number,
  path: string,
  key: string,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${key}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; null if gone. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Machine-wide CPU seconds: busy and idle (iowait counted as idle), from /proc/stat. */
export function machineCpuSeconds(): { busy: number; idle: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return {
    busy: (user + nice + system + irq + softirq + steal) / CLOCK_TICKS,
    idle: (idle + iowait) / CLOCK_TICKS,
  };
}

const CLOCK_TICKS = 100;
