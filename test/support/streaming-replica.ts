import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { findFreePort } from '../../src/database/embedded-postgres';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/** A primary and one streaming replica of it (PostgreSQL 15 of the machine), in a temp folder. */
export interface StreamingPair {
  /** postgres://… of `database` on the primary and on the replica. */
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  /** Runs SQL on the replica's `postgres` database (e.g. pg_wal_replay_pause()). */
  onReplica<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  stopReplica(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the two clusters with initdb, pg_ctl and pg_basebackup -R on free ports. PostgreSQL
 * refuses to run as root, so as root (the embedded cluster's case too) the folder goes to the
 * `postgres` system user and the binaries run as it.
 */
export async function startStreamingPair(): Promise<StreamingPair> {
  const folder = mkdtempSync(join(tmpdir(), 'nps-replica-'));
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const owner = asRoot ? await run('id', ['-u', 'postgres']).then((r) => Number(r.stdout)) : null;
  if (owner !== null) {
    const group = Number((await run('id', ['-g', 'postgres'])).stdout);
    chownSync(folder, owner, group);
  }
  const pg = (binary: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(BIN, binary), ...args])
      : run(join(BIN, binary), args);
  const [primaryPort, replicaPort] = [await findFreePort(), await findFreePort()];
  const primaryDir = join(folder, 'primary');
  const replicaDir = join(folder, 'replica');
  const options = (port: number) =>
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${folder} -c fsync=off -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on -c max_connections=60`;
  const started: string[] = [];
  const stop = async (dir: string) => {
    await pg('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
  };
  try {
    await pg('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8']);
    await pg('pg_ctl', [
      '-D',
      primaryDir,
      '-o',
      options(primaryPort),
      '-l',
      join(folder, 'primary.log'),
      '-w',
      'start',
    ]);
    started.push(primaryDir);
    await pg('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
    ]);
    await pg('pg_ctl', [
      '-D',
      replicaDir,
      '-o',
      options(replicaPort),
      '-l',
      join(folder, 'replica.log'),
      '-w',
      'start',
    ]);
    started.push(replicaDir);
  } catch (error) {
    for (const dir of started.reverse()) await stop(dir);
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const url = (port: number, database: string) =>
    `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    primaryUrl: (database) => url(primaryPort, database),
    replicaUrl: (database) => url(replicaPort, database),
    async onReplica(sql) {
      const client = new Client({ connectionString: url(replicaPort, 'postgres') });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    },
    stopReplica: () => stop(replicaDir),
    async close() {
      await stop(replicaDir);
      await stop(primaryDir);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
