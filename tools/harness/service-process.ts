import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findFreePort } from '../../src/database/embedded-postgres';
import type { Cleanup } from './cleanup';
import { postJson } from './http-post';

const ROOT = join(__dirname, '..', '..');

/** Builds dist/ and the dashboard when the sources are newer, as `npm start` does. */
export function buildServiceIfNeeded(log: (message: string) => void): void {
  log('building the service and the dashboard if needed…');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-needed.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * Settings for a service on an already migrated database that syncs only when asked, from a
 * Delighted simulator on 127.0.0.1, with encryption keys of its own.
 */
export function onRequestSyncEnv(): Record<string, string> {
  return {
    RUN_MIGRATIONS: 'false',
    DELIGHTED_SYNC_ENABLED: 'false',
    DELIGHTED_ALLOW_PRIVATE_URLS: 'true',
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
  };
}

/** The real service (`node dist/src/main.js`) running as a child process. */
export interface ServiceProcess {
  readonly pid: number;
  readonly baseUrl: string;
  /** The BOOTSTRAP_ADMIN_KEY it was started with. */
  readonly adminKey: string;
  /** VmHWM: peak resident set size since start, bytes (null once the process is gone). */
  peakRssBytes(): number | null;
  /** VmRSS now, bytes (null once the process is gone). */
  rssBytes(): number | null;
  /** Largest VmRSS seen by the 200 ms sampler, in bytes. */
  sampledMaxRssBytes(): number;
  /** GraphQL with a bearer key; throws unless 200 with data and no errors. No client timeout. */
  graphql<T>(key: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  post(path: string, key: string, body: unknown): Promise<{ status: number; text: string }>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServiceOptions {
  databaseUrl: string;
  /** A random `bench-…` key when unset. */
  bootstrapAdminKey?: string;
  log: (message: string) => void;
  /** Any free port when unset. */
  port?: number;
  /** More settings for the service (RUN_MIGRATIONS, ENCRYPTION_KEYS, NODE_OPTIONS, …). */
  env?: Record<string, string>;
  /** Stops the service once started (a 2 s grace after a signal, 10 s otherwise). */
  cleanup?: Pick<Cleanup, 'add' | 'interrupted'>;
}

/**
 * Starts the service on 127.0.0.1 with a throwaway DATA_DIR and a fresh embed secret (so it never
 * writes or reads the checkout's ./.data) and waits for /health; killed if this process exits.
 */
export async function startService(options: ServiceOptions): Promise<ServiceProcess> {
  const port = options.port ?? (await findFreePort());
  const adminKey = options.bootstrapAdminKey ?? `bench-${randomBytes(24).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'nps-bench-data-'));
  const removeDataDir = () => {
    rmSync(dataDir, { recursive: true, force: true });
    process.removeListener('exit', removeDataDir);
  };
  process.once('exit', removeDataDir);
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...options.env,
      DATA_DIR: dataDir,
      EMBED_SECRET: randomBytes(32).toString('base64url'),
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      BOOTSTRAP_ADMIN_KEY: adminKey,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    removeDataDir();
    throw new Error('could not start the service (no pid)');
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let running = true;
  void exited.then(() => (running = false));
  const killOnExit = () => running && child.kill('SIGKILL');
  process.once('exit', killOnExit);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => options.log(`[service] ${line}`));
  }

  let sampledMax = 0;
  const sample = () => {
    const rss = procStatusBytes(pid, 'VmRSS');
    if (rss !== null) sampledMax = Math.max(sampledMax, rss);
  };
  const sampler = setInterval(sample, 200);
  sampler.unref();

  const baseUrl = `http://127.0.0.1:${port}`;
  const post = (path: string, key: string, body: unknown) =>
    postJson({ baseUrl }, path, key, JSON.stringify(body));
  const service: ServiceProcess = {
    pid,
    baseUrl,
    adminKey,
    peakRssBytes: () => procStatusBytes(pid, 'VmHWM'),
    rssBytes: () => procStatusBytes(pid, 'VmRSS'),
    sampledMaxRssBytes: () => {
      sample();
      return sampledMax;
    },
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
    async stop(graceMs = 10_000) {
      clearInterval(sampler);
      if (running) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => running && child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      removeDataDir();
    },
  };
  try {
    await waitForHealth(baseUrl, child, exited);
  } catch (error) {
    await service.stop();
    throw error;
  }
  const { cleanup } = options;
  cleanup?.add(() => service.stop(cleanup.interrupted ? 2_000 : 10_000));
  options.log(`service pid ${pid} on ${baseUrl}`);
  return service;
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  exited: Promise<number | null>,
): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`the service exited with code ${gone} before /health`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the service did not answer /health within 120 s');
}

/** A `kB` field of /proc/<pid>/status in bytes, or null once the process is gone. */
function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
