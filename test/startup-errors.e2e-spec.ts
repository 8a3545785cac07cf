import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenOn } from '../src/app.factory';
import { StartupError } from '../src/config/startup-error';
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/database/database-bootstrap';
import { findFreePort } from '../src/database/embedded-postgres';
import { JsonLogger } from '../src/logging/json-logger';
import { startTestApp } from './support/test-app';

const quiet = new JsonLogger('error', () => undefined);

/** The reason prepareDatabase refuses to start with, or a failure when it starts. */
async function startupRefusal(env: Record<string, string>): Promise<StartupError> {
  const database = await prepareDatabase(loadConfig({ RUN_MIGRATIONS: 'false', ...env }), quiet)
    .then(async (started) => {
      await started.embedded?.stop();
      return null;
    })
    .catch((error: unknown) => error);
  expect(database).toBeInstanceOf(StartupError);
  return database as StartupError;
}

describe('a service that cannot start says why, and what to change', () => {
  it('refuses a second instance on a data folder in use, saying how to run one beside it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nps-second-instance-'));
    // As root, PostgreSQL runs as a `postgres` user, which must reach the cluster inside.
    chmodSync(dataDir, 0o755);
    const first = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        join(__dirname, 'support', 'embedded-cluster.ts'),
        join(dataDir, 'postgres'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => first.on('exit', resolve));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        first.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const ready = /ready (\d+)/.exec(out);
          if (ready) resolve(Number(ready[1]));
        });
        first.on('exit', () => reject(new Error('the first instance ended before it was ready')));
      });
      const refusal = await startupRefusal({ DATA_DIR: dataDir });
      expect(refusal.message).toContain(`Another instance uses the data folder ${dataDir}`);
      expect(refusal.message).toContain(`port ${port}`);
      expect(refusal.message).toMatch(/DATA_DIR=\S+ PORT=\d+ npm start/);
    } finally {
      first.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names DATABASE_URL, host, port and database when nothing listens there', async () => {
    const port = await findFreePort();
    const refusal = await startupRefusal({
      DATABASE_URL: `postgres://postgres:secret-password@127.0.0.1:${port}/nps_nowhere`,
    });
    expect(refusal.message).toBe(
      `DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:${port}, database "nps_nowhere", user "postgres": ` +
        'nothing accepts connections on that port. Start PostgreSQL there, fix the host or port in DATABASE_URL, ' +
        'or unset DATABASE_URL to use the embedded PostgreSQL.',
    );
  });

  it('names a database that does not exist on a server that runs, without its password', async () => {
    const url = new URL(process.env.NPS_TEST_DATABASE_URL!);
    url.pathname = '/nps_missing_database';
    const refusal = await startupRefusal({ DATABASE_URL: url.toString() });
    expect(refusal.message).toContain(
      `cannot connect to PostgreSQL at ${url.hostname}:${url.port || '5432'}, database "nps_missing_database"`,
    );
    expect(refusal.message).toContain('that database does not exist. Create it first');
    expect(refusal.message).not.toContain(`:${url.password}@`);
    expect(refusal.message).not.toContain(url.toString());
  });

  it('names a DATABASE_URL host that does not resolve', async () => {
    const refusal = await startupRefusal({
      DATABASE_URL: 'postgres://postgres@no-such-host.invalid:5432/nps',
    });
    expect(refusal.message).toMatch(
      /^DATABASE_URL: cannot connect to PostgreSQL at no-such-host\.invalid:5432, database "nps", user "postgres": the host name (does not resolve|could not be resolved right now)/,
    );
  });

  describe('listening', () => {
    let blocker: Server;
    let port: number;
    beforeAll(async () => {
      port = await findFreePort();
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it('names PORT when another program holds it', async () => {
      const test = await startTestApp({ PORT: String(port), HOST: '127.0.0.1' });
      try {
        await expect(listenOn(test.app, test.config)).rejects.toThrow(
          new StartupError(
            `PORT=${port} is already in use on HOST=127.0.0.1 by another program; set PORT to a free port, e.g. \`PORT=${port + 1} npm start\`.`,
          ),
        );
      } finally {
        await test.close();
      }
    });

    it.each([
      ['an address of another machine', '203.0.113.7'],
      ['a name that does not resolve', 'no-such-host.invalid'],
    ])('names HOST when it is %s', async (_case, host) => {
      const test = await startTestApp({ PORT: String(await findFreePort()), HOST: host });
      try {
        await expect(listenOn(test.app, test.config)).rejects.toThrow(
          new RegExp(`^HOST="${host.replace(/\./g, '\\.')}" is not an address of this machine`),
        );
      } finally {
        await test.close();
      }
    });
  });

  it('prints the reason alone, without a stack trace, and exits 1', async () => {
    const port = await findFreePort();
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'main.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/nps`,
          DATA_DIR: mkdtempSync(join(tmpdir(), 'nps-startup-')),
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^Failed to start: DATABASE_URL: cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}`,
      ),
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
