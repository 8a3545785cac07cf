import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

/**
 * A service child's own state: DATA_DIR in a temporary folder and a fresh embed secret, so a
 * benchmark never writes (or reads) the checkout's ./.data. `remove` deletes the folder; it also
 * runs when this process exits.
 */
export function throwawayServiceState(): { env: Record<string, string>; remove: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'nps-bench-data-'));
  const remove = () => {
    rmSync(dataDir, { recursive: true, force: true });
    process.removeListener('exit', remove);
  };
  process.once('exit', remove);
  return {
    env: { DATA_DIR: dataDir, EMBED_SECRET: randomBytes(32).toString('base64url') },
    remove,
  };
}

/** The real service (`node dist/src/main.js`) running as a child process. */
export interface ServiceProcess {
  readonly pid: number;
  readonly baseUrl: string;
  /** Peak resident set size so far in bytes (VmHWM), or null once the process is gone. */
  peakRssBytes(): number | null;
  /** Largest VmRSS seen by the 200 ms sampler, in bytes. */
  sampledMaxRssBytes(): number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export async function startService(options: {
  databaseUrl: string;
  port: number;
  bootstrapAdminKey: string;
  log: (message: string) => void;
}): Promise<ServiceProcess> {
  const state = throwawayServiceState();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...state.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      BOOTSTRAP_ADMIN_KEY: options.bootstrapAdminKey,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the service (no pid)');
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let running = true;
  void exited.then(() => (running = false));
  // If the benchmark dies without its cleanup, do not leave the service behind.
  const killOnExit = () => running && child.kill('SIGKILL');
  process.once('exit', killOnExit);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => options.log(`[service] ${line}`));
  }

  let sampledMax = 0;
  const sample = () => {
    const rss = readStatusKb(pid, 'VmRSS');
    if (rss !== null) sampledMax = Math.max(sampledMax, rss * 1024);
  };
  const sampler = setInterval(sample, 200);
  sampler.unref();

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const service: ServiceProcess = {
    pid,
    baseUrl,
    peakRssBytes: () => {
      const hwm = readStatusKb(pid, 'VmHWM');
      return hwm === null ? null : hwm * 1024;
    },
    sampledMaxRssBytes: () => {
      sample();
      return sampledMax;
    },
    stop: async (graceMs = 10_000) => {
      clearInterval(sampler);
      if (running) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => running && child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      state.remove();
    },
  };
  try {
    await waitForHealth(baseUrl, child, exited);
  } catch (error) {
    await service.stop();
    throw error;
  }
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

function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
