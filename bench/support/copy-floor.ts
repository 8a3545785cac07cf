import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Client } from 'pg';
import {
  BATCH_SIZE,
  EventShape,
  batchCount,
  forEachEventOfBatch,
  idempotencyKeyOf,
  identityOf,
  typeNames,
} from './event-generator';

export interface FloorResult {
  method: 'psql \\copy' | 'INSERT … SELECT unnest (10,000-row arrays)';
  rows: number;
  users: number;
  /** Time of the event load only (users are inserted before the clock starts). */
  seconds: number;
}

const EVENT_COLUMNS = 'environment_id, user_id, name, time, properties, source, idempotency_key';
const UNNEST_ROWS = 10_000;

export function psqlAvailable(): boolean {
  return spawnSync('psql', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Loads the same events as the API run into `environmentId` with plain SQL: the users in one
 * INSERT … SELECT, then the events by `psql \copy` of a CSV file (timed), or, without psql, by
 * INSERT … SELECT FROM unnest of 10,000-row arrays.
 */
export async function loadFloor(options: {
  client: Client;
  databaseUrl: string;
  shape: EventShape;
  environmentId: string;
  csvPath: string;
  usePsql: boolean;
}): Promise<FloorResult> {
  const { client, shape, environmentId } = options;
  const names = typeNames(shape.types);
  const batches = batchCount(shape);

  // The users seen, with their first and last event time, as the API would have made them.
  const firstSeen = new Float64Array(shape.users).fill(Infinity);
  const lastSeen = new Float64Array(shape.users).fill(-Infinity);
  for (let batch = 0; batch < batches; batch++) {
    forEachEventOfBatch(shape, batch, (event) => {
      if (event.timeMs < firstSeen[event.user]) firstSeen[event.user] = event.timeMs;
      if (event.timeMs > lastSeen[event.user]) lastSeen[event.user] = event.timeMs;
    });
  }
  const identities: string[] = [];
  const firsts: string[] = [];
  const lasts: string[] = [];
  for (let user = 0; user < shape.users; user++) {
    if (firstSeen[user] === Infinity) continue;
    identities.push(identityOf(user));
    firsts.push(new Date(firstSeen[user]).toISOString());
    lasts.push(new Date(lastSeen[user]).toISOString());
  }
  const { rows: created } = await client.query<{ id: string; identity: string }>(
    `INSERT INTO users (environment_id, identity, first_seen, last_seen)
     SELECT $1, identity, first_seen, last_seen
       FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS u(identity, first_seen, last_seen)
     RETURNING id, identity`,
    [environmentId, identities, firsts, lasts],
  );
  const userIds: string[] = new Array<string>(shape.users);
  for (const row of created) userIds[Number(row.identity.slice('user-'.length))] = row.id;

  if (options.usePsql) {
    const csv = createWriteStream(options.csvPath);
    for (let batch = 0; batch < batches; batch++) {
      const lines: string[] = [];
      forEachEventOfBatch(shape, batch, (event) => {
        const time = new Date(event.timeMs).toISOString();
        const properties = event.properties.replace(/"/g, '""');
        const key = idempotencyKeyOf(shape, event.index);
        lines.push(
          `${environmentId},${userIds[event.user]},${names[event.type]},${time},"${properties}",copy,${key}\n`,
        );
      });
      if (!csv.write(lines.join(''))) await once(csv, 'drain');
    }
    csv.end();
    await once(csv, 'finish');
    await client.query('CHECKPOINT').catch(() => undefined);
    const started = process.hrtime.bigint();
    await runPsql(
      options.databaseUrl,
      `\\copy events (${EVENT_COLUMNS}) FROM '${options.csvPath}' WITH (FORMAT csv)`,
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { method: 'psql \\copy', rows: shape.events, users: created.length, seconds };
  }

  await client.query('CHECKPOINT').catch(() => undefined);
  const started = process.hrtime.bigint();
  const perStatement = UNNEST_ROWS / BATCH_SIZE;
  for (let from = 0; from < batches; from += perStatement) {
    const columns = {
      users: [] as string[],
      names: [] as string[],
      times: [] as string[],
      properties: [] as string[],
      keys: [] as string[],
    };
    for (let batch = from; batch < Math.min(batches, from + perStatement); batch++) {
      forEachEventOfBatch(shape, batch, (event) => {
        columns.users.push(userIds[event.user]);
        columns.names.push(names[event.type]);
        columns.times.push(new Date(event.timeMs).toISOString());
        columns.properties.push(event.properties);
        columns.keys.push(idempotencyKeyOf(shape, event.index));
      });
    }
    await client.query(
      `INSERT INTO events (${EVENT_COLUMNS})
       SELECT $1, user_id, name, time, properties, 'copy', key
         FROM unnest($2::bigint[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::text[])
           AS t(user_id, name, time, properties, key)`,
      [
        environmentId,
        columns.users,
        columns.names,
        columns.times,
        columns.properties,
        columns.keys,
      ],
    );
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    method: 'INSERT … SELECT unnest (10,000-row arrays)',
    rows: shape.events,
    users: created.length,
    seconds,
  };
}

function runPsql(databaseUrl: string, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'psql',
      ['--no-psqlrc', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl, '-c', command],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`psql exited with ${code}: ${stderr.trim()}`)),
    );
  });
}
