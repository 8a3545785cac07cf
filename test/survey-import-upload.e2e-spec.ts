import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { IncomingHttpHeaders, Server, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { SurveyImportRepository } from '../src/sources/imports/survey-import.repository';
import type { SurveyResponseRecord } from '../src/store/survey-response-record';
import { SurveyResponsesRepository } from '../src/store/survey-responses.repository';
import { storedResponses } from './support/delighted-fixtures';
import { TestApp, createEnvironmentWithKeys, startTestApp } from './support/test-app';
import { withTestDatabase } from './support/test-database';

const MAX_IMPORT_BYTES = 1024 * 1024;
const MAX_BODY_BYTES = 512 * 1024;

const HEADER = 'Response ID,Score,Comment,Email,Created At,Updated At\r\n';
const row = (id: string, score: number, updated: string, comment = `c${id}`) =>
  `${id},${score},"${comment}",${id}@example.com,2024-03-01 10:00:00 +0000,${updated}\r\n`;

/**
 * 5,000 rows over several staging and write batches: 4,000 ids, then 1,000 repeats of ids from
 * the first batch, half newer (they win) and half older (they lose), with multi-line comments.
 */
function bigCsv(): string {
  const rows: string[] = [HEADER];
  for (let i = 0; i < 4000; i++) rows.push(row(`r${i}`, i % 11, '2024-03-02 00:00:00 +0000'));
  for (let i = 0; i < 1000; i++) {
    const newer = i % 2 === 0;
    rows.push(
      row(
        `r${i}`,
        newer ? 10 : 0,
        newer ? '2024-03-05 00:00:00 +0000' : '2024-03-01 12:00:00 +0000',
        `${newer ? 'newer' : 'older'} "é"\nsecond line 😀`.replace(/"/g, '""'),
      ),
    );
  }
  return rows.join('');
}

interface RawAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Request body bytes the client had written when the answer came. */
  sent: number;
  /** Bytes the server read from this connection, headers included. */
  serverRead: number;
  /** Whether the client got "100 Continue". */
  continued: boolean;
  /** Whether the server said it closes the connection after the answer. */
  closed: boolean;
}

describe('survey import uploads', () => {
  let test: TestApp;
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];
  let environmentId: string;
  let keys: Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];
  const path = () => `/api/environments/${environmentId}/survey-responses/import`;

  beforeAll(async () => {
    test = await startTestApp({
      MAX_IMPORT_BYTES: String(MAX_IMPORT_BYTES),
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    });
    server = test.app.getHttpServer();
    server.on('connection', (socket: Socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => test.close());
  beforeEach(async () => {
    ({ environmentId, keys } = await createEnvironmentWithKeys(test));
  });

  const responseCount = (env = environmentId) =>
    withTestDatabase(async (client) => {
      const result = await client.query(
        'SELECT count(*)::int AS n FROM survey_responses WHERE environment_id = $1',
        [env],
      );
      return result.rows[0].n as number;
    });

  /**
   * Streams `total` bytes (`chunk` repeated, respecting backpressure) on a connection of its own,
   * stopping as soon as an answer comes, and resolves once the connection is closed or idle.
   */
  function rawUpload(
    headers: Record<string, string>,
    options: {
      total: number;
      chunk?: Buffer;
      /** Sent first, then `chunk` over and over, then `suffix`. */
      prefix?: Buffer;
      suffix?: Buffer;
      declareLength?: boolean;
      expectContinue?: boolean;
    },
  ): Promise<RawAnswer> {
    const chunk = options.chunk ?? Buffer.alloc(64 * 1024, 'a');
    let prefix = options.prefix ?? Buffer.alloc(0);
    const known = new Set(sockets);
    return new Promise((resolve, reject) => {
      let sent = 0;
      let continued = false;
      let answered: { status: number; headers: IncomingHttpHeaders; text: string } | null = null;
      const call = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: path(),
        agent: false,
        headers: {
          ...headers,
          ...(options.declareLength === false ? {} : { 'content-length': String(options.total) }),
          ...(options.expectContinue ? { expect: '100-continue' } : {}),
        },
      });
      const finish = () => {
        if (!answered) return reject(new Error(`no answer after sending ${sent} bytes`));
        const own = sockets.filter((socket) => !known.has(socket));
        resolve({
          status: answered.status,
          body: JSON.parse(answered.text),
          sent,
          serverRead: own.reduce((sum, socket) => sum + socket.bytesRead, 0),
          continued,
          closed: answered.headers.connection === 'close',
        });
      };
      const pump = () => {
        while (!answered && !call.destroyed && sent < options.total) {
          const suffix = options.suffix ?? Buffer.alloc(0);
          const room = options.total - suffix.length - sent;
          const next = prefix.length > 0 ? prefix : room > 0 ? chunk : suffix;
          prefix = Buffer.alloc(0);
          const piece = next.subarray(
            0,
            next === suffix ? next.length : Math.min(next.length, room),
          );
          sent += piece.length;
          if (!call.write(piece)) return void call.once('drain', pump);
        }
        if (!answered && sent >= options.total) call.end();
      };
      call.on('continue', () => {
        continued = true;
        pump();
      });
      call.on('response', (response) => {
        let text = '';
        answered = { status: response.statusCode ?? 0, headers: response.headers, text };
        response.setEncoding('utf8');
        response.on('data', (part: string) => (text += part));
        response.on('end', () => {
          answered!.text = text;
          // A kept-alive connection is done here; a closed one once the socket is gone.
          if (answered!.headers.connection === 'close') call.socket?.once('close', finish);
          else finish();
          if (call.socket?.destroyed) finish();
          call.destroy();
        });
      });
      // Writing after the server closed the connection fails; the answer came before.
      call.on('error', () => undefined);
      call.on('close', () => answered === null && finish());
      if (!options.expectContinue) pump();
    });
  }

  describe('authorisation comes before the body', () => {
    const TOTAL = 32 * 1024 * 1024;
    const MULTIPART = 'multipart/form-data; boundary=b0undary';
    // A well-formed start of a file part, so that only the size of what follows matters.
    const FILE_PART = Buffer.from(
      '--b0undary\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n' +
        `Content-Type: text/csv\r\n\r\n${HEADER}`,
    );
    it.each([
      ['no key', 401, MULTIPART, null],
      ['an unknown key', 401, MULTIPART, 'not-a-key-of-anyone'],
      ['an ANALYST key', 403, MULTIPART, 'ANALYST'],
      ['no key', 401, 'text/csv', null],
      ['an INGEST key', 403, 'application/json', 'INGEST'],
    ] as const)(
      'answers an upload with %s %i before reading its %s body, closing the connection',
      async (_label, status, contentType, key) => {
        const secret = key === 'ANALYST' || key === 'INGEST' ? keys[key] : key;
        const answer = await rawUpload(
          { 'content-type': contentType, ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
          contentType === MULTIPART
            ? { total: TOTAL, prefix: FILE_PART, suffix: Buffer.from('\r\n--b0undary--\r\n') }
            : { total: TOTAL },
        );
        expect(answer).toMatchObject({ status, closed: true });
        // The answer came while the client was still sending, and the server read little of it.
        expect(answer.sent).toBeLessThan(TOTAL);
        expect(answer.serverRead).toBeLessThan(4 * 1024 * 1024);
        expect(await responseCount()).toBe(0);
      },
    );

    it('does not ask for the body of an unauthorised upload (Expect: 100-continue)', async () => {
      const refused = await rawUpload(
        { 'content-type': 'text/csv' },
        { total: TOTAL, expectContinue: true },
      );
      expect(refused).toMatchObject({ status: 401, continued: false, sent: 0, closed: true });
      const csv = Buffer.from(HEADER + row('x1', 9, ''));
      const accepted = await rawUpload(
        { 'content-type': 'text/csv', authorization: `Bearer ${keys.ARCHITECT}` },
        { total: csv.length, chunk: csv, expectContinue: true },
      );
      expect(accepted).toMatchObject({ status: 200, continued: true });
      expect(accepted.body).toMatchObject({ responses: 1, inserted: 1 });
    });
  });

  describe('MAX_IMPORT_BYTES', () => {
    const oversizedCsv = () => {
      const lines = [HEADER];
      for (let i = 0, size = 0; size <= MAX_IMPORT_BYTES + 10_000; i++)
        size += lines[lines.push(row(`big${i}`, 7, '')) - 1].length;
      return Buffer.from(lines.join(''));
    };
    const expect413 = (answer: { status: number; body: Record<string, unknown> }) => {
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({
        error: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining(`${MAX_IMPORT_BYTES} bytes allowed (MAX_IMPORT_BYTES)`),
      });
    };

    it('takes a CSV over MAX_BODY_BYTES but under MAX_IMPORT_BYTES', async () => {
      const lines = [HEADER];
      for (let i = 0, size = 0; size < MAX_BODY_BYTES + 50_000; i++)
        size += lines[lines.push(row(`mid${i}`, 8, '')) - 1].length;
      const response = await test.http
        .post(path())
        .set('authorization', `Bearer ${keys.ARCHITECT}`)
        .set('content-type', 'text/csv')
        .send(lines.join(''));
      expect(response.status).toBe(200);
      expect(response.body.responses).toBe(lines.length - 1);
    });

    it('refuses oversized text/csv, JSON and multipart bodies with 413 and writes nothing', async () => {
      const csv = oversizedCsv();
      const asCsv = await test.http
        .post(path())
        .set('authorization', `Bearer ${keys.ARCHITECT}`)
        .set('content-type', 'text/csv')
        .send(csv);
      expect413(asCsv);
      const json = JSON.stringify(
        Array.from({ length: 25_000 }, (_, i) => ({
          id: `j${i}`,
          score: 9,
          created_at: 1714571110,
        })),
      );
      expect(json.length).toBeGreaterThan(MAX_IMPORT_BYTES);
      const asJson = await test.http
        .post(path())
        .set('authorization', `Bearer ${keys.ARCHITECT}`)
        .set('content-type', 'application/json')
        .send(json);
      expect413(asJson);
      const asMultipart = await test.http
        .post(path())
        .set('authorization', `Bearer ${keys.ARCHITECT}`)
        .attach('file', csv, 'export.csv');
      expect413(asMultipart);
      expect(await responseCount()).toBe(0);
    });

    it('refuses a body that grows past the limit without a Content-Length, after staging part of it', async () => {
      const csv = oversizedCsv();
      const streamed = await rawUpload(
        { 'content-type': 'text/csv', authorization: `Bearer ${keys.ARCHITECT}` },
        { total: csv.length, chunk: csv, declareLength: false },
      );
      expect413(streamed);
      const boundary = 'upload-boundary';
      const multipart = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="export.csv"\r\n` +
            'Content-Type: text/csv\r\n\r\n',
        ),
        csv,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const streamedMultipart = await rawUpload(
        {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          authorization: `Bearer ${keys.ARCHITECT}`,
        },
        { total: multipart.length, chunk: multipart, declareLength: false },
      );
      expect413(streamedMultipart);
      expect(await responseCount()).toBe(0);
    });

    it('counts decompressed bytes: a small gzip body that inflates past the limit is refused', async () => {
      const csv = oversizedCsv();
      const zipped = gzipSync(csv);
      expect(zipped.length).toBeLessThan(MAX_IMPORT_BYTES);
      const response = await test.http
        .post(path())
        .set('authorization', `Bearer ${keys.ARCHITECT}`)
        .set('content-type', 'text/csv')
        .set('content-encoding', 'gzip')
        .send(zipped);
      expect413(response);
      const small = await test.http
        .post(path())
        .set('authorization', `Bearer ${keys.ARCHITECT}`)
        .set('content-type', 'text/csv')
        .set('content-encoding', 'gzip')
        .send(gzipSync(HEADER + row('z1', 5, '')));
      expect(small.body).toMatchObject({ responses: 1, inserted: 1 });
    });
  });

  describe('streamed CSV', () => {
    it('imports a file streamed in many small chunks as it does in one, with the newest version of repeated ids', async () => {
      const csv = Buffer.from(bigCsv());
      const whole = await test.ok<{ importSurveyResponses: Record<string, number | string> }>(
        keys.ARCHITECT,
        'mutation($env: ID!, $csv: String) { importSurveyResponses(environmentId: $env, csv: $csv) { responses inserted updated unchanged matched delimiter } }',
        { env: environmentId, csv: csv.toString('utf8') },
      );
      const other = await createEnvironmentWithKeys(test);
      const pieces = await uploadInPieces(other.environmentId, other.keys.ARCHITECT, csv, 997);
      expect(whole.importSurveyResponses).toEqual({
        responses: 5000,
        inserted: 4000,
        updated: 0,
        unchanged: 0,
        matched: 0,
        delimiter: 'COMMA',
      });
      expect(pieces).toEqual(whole.importSurveyResponses);
      const strip = (rows: Awaited<ReturnType<typeof storedResponses>>) =>
        rows.map((stored) => ({
          ...stored,
          responded_at: stored.responded_at.toISOString(),
          response_updated_at: stored.response_updated_at?.toISOString() ?? null,
        }));
      const stored = strip(await storedResponses(environmentId));
      expect(strip(await storedResponses(other.environmentId))).toEqual(stored);
      const byId = new Map(stored.map((response) => [response.response_id, response]));
      expect(byId.get('r0')).toMatchObject({ score: 10, comment: 'newer "é"\nsecond line 😀' });
      expect(byId.get('r1')).toMatchObject({ score: 1, comment: 'cr1' });
      const again = await uploadInPieces(environmentId, keys.ARCHITECT, csv, 4096);
      expect(again).toEqual({
        responses: 5000,
        inserted: 0,
        updated: 0,
        unchanged: 4000,
        matched: 0,
        delimiter: 'COMMA',
      });
    });

    it('stores and counts a file written in batches exactly as one upsert of it would', async () => {
      const responses = test.app.get(SurveyResponsesRepository);
      const imports = test.app.get(SurveyImportRepository);
      const at = (day: number) => new Date(Date.UTC(2024, 2, day));
      const record = (id: number, day: number, score: number, comment: string) =>
        ({
          responseId: `k${id}`,
          personId: `p${id % 50}`,
          email: id % 3 === 0 ? `user${id % 40}@example.com` : null,
          phoneNumber: null,
          surveyType: id % 10 === 9 ? 'csat' : 'nps',
          // CSAT scores are 1–5 (the write paths' shared rules refuse others).
          score: id % 10 === 9 ? 1 + (score % 5) : score,
          comment,
          permalink: null,
          respondedAt: at(1),
          responseUpdatedAt: at(day),
          personProperties: id % 5 === 0 ? { plan: `p${id % 4}` } : null,
        }) satisfies SurveyResponseRecord;
      const stored = Array.from({ length: 3000 }, (_, id) => record(id, 5, id % 11, 'first'));
      // New ids, newer, equal and older versions, and repeats far apart (other batches), some
      // tied on their timestamp with other content (the later row wins).
      const file: SurveyResponseRecord[] = [];
      for (let id = 0; id < 4500; id++) file.push(record(id, [4, 5, 6][id % 3], id % 11, 'file'));
      for (let id = 0; id < 1500; id += 2) file.push(record(id, [5, 6, 7][id % 3], 10, 'repeat'));
      const [a, b] = [await createEnvironmentWithKeys(test), await createEnvironmentWithKeys(test)];
      for (const env of [a, b]) {
        await test.ok(
          env.keys.ADMIN,
          'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "identity") { id } }',
          { env: env.environmentId },
        );
        const events = Array.from({ length: 20 }, (_, i) => ({
          identity: `user${i * 2}@example.com`,
          event: 'Login',
        }));
        await test.http
          .post('/api/track')
          .set('authorization', `Bearer ${env.keys.INGEST}`)
          .send({ app_id: env.environmentId, events })
          .expect(200);
        await responses.upsert(env.environmentId, stored, 'import');
      }
      const once = await responses.upsert(a.environmentId, file, 'import');
      async function* batches() {
        for (let i = 0; i < file.length; i += 700) yield file.slice(i, i + 700);
      }
      const batched = await imports.importAll(b.environmentId, batches(), 'import');
      expect(batched).toEqual({ responses: file.length, ...once });
      expect(once.inserted).toBe(1500);
      expect(once.updated).toBeGreaterThan(0);
      expect(once.unchanged).toBeGreaterThan(0);
      expect(once.matched).toBeGreaterThan(0);
      const content = (env: string) =>
        withTestDatabase(async (client) => {
          const result = await client.query(
            `SELECT r.response_id, r.score, r.comment, r.survey_type, r.is_nps, r.person_id, r.email,
                    r.responded_at, r.response_updated_at, r.person_properties, u.identity
               FROM survey_responses r LEFT JOIN users u ON u.id = r.user_id
              WHERE r.environment_id = $1 ORDER BY r.response_id`,
            [env],
          );
          const events = await client.query(
            `SELECT idempotency_key, time, properties FROM events
              WHERE environment_id = $1 AND name = 'Submit Survey' ORDER BY idempotency_key`,
            [env],
          );
          return { responses: result.rows, events: events.rows };
        });
      expect(await content(b.environmentId)).toEqual(await content(a.environmentId));
    });

    it('writes nothing of a large file refused by its last line', async () => {
      const csv = Buffer.from(`${bigCsv()}r-last,eleven,,,2024-03-01,\r\n`);
      const response = await test.http
        .post(path())
        .set('authorization', `Bearer ${keys.ARCHITECT}`)
        .attach('file', csv, 'export.csv');
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ line: 6002, column: 'score' }),
      ]);
      expect(await responseCount()).toBe(0);
    });

    it('writes nothing of uploads cut off midway, and gives their connections back', async () => {
      const csv = Buffer.from(bigCsv());
      const half = csv.subarray(0, Math.floor(csv.length / 2));
      // More cut-off uploads than the test app's pool has connections (4).
      for (let attempt = 0; attempt < 6; attempt++) {
        await new Promise<void>((resolve) => {
          const call = httpRequest({
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: path(),
            agent: false,
            headers: {
              'content-type': 'text/csv',
              authorization: `Bearer ${keys.ARCHITECT}`,
              'content-length': String(csv.length),
            },
          });
          call.on('error', () => undefined);
          call.write(half, () => {
            // Past the first batch: the import's transaction is open when the client goes.
            setTimeout(() => {
              call.destroy();
              resolve();
            }, 200);
          });
        });
      }
      const after = await uploadInPieces(environmentId, keys.ARCHITECT, csv, 64 * 1024);
      expect(after).toMatchObject({ responses: 5000, inserted: 4000 });
    });

    it('takes a JSON file as a multipart part, and names a multipart body without one', async () => {
      const json = JSON.stringify([{ id: 'j1', score: 9, created_at: 1714571110 }]);
      const ok = await test.http
        .post(path())
        .set('authorization', `Bearer ${keys.ARCHITECT}`)
        .attach('file', Buffer.from(json), 'responses.json');
      expect(ok.body).toMatchObject({ responses: 1, inserted: 1 });
      const none = await test.http
        .post(path())
        .set('authorization', `Bearer ${keys.ARCHITECT}`)
        .field('note', 'no file here');
      expect(none.status).toBe(400);
      expect(none.body.message).toMatch(/no "file" part/);
    });
  });

  /** Sends `file` as chunked text/csv in pieces of `size` bytes; the import's answer. */
  async function uploadInPieces(env: string, key: string, file: Buffer, size: number) {
    return new Promise<Record<string, number | string>>((resolve, reject) => {
      const call = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/environments/${env}/survey-responses/import`,
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (part: string) => (text += part));
          response.on('end', () =>
            response.statusCode === 200
              ? resolve(JSON.parse(text))
              : reject(new Error(`HTTP ${response.statusCode}: ${text}`)),
          );
        },
      );
      call.on('error', reject);
      let offset = 0;
      const next = () => {
        if (offset >= file.length) return void call.end();
        const piece = file.subarray(offset, offset + size);
        offset += size;
        call.write(piece, () => setImmediate(next));
      };
      next();
    });
  }

  it('keeps the command-line import working', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'nps-import-cli-'));
    try {
      const file = join(folder, 'export.csv');
      writeFileSync(file, HEADER + row('cli1', 9, '') + row('cli2', 3, ''));
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          require.resolve('ts-node/dist/bin.js'),
          '--transpile-only',
          join(__dirname, '..', 'scripts', 'import-survey-responses.ts'),
          '--environment',
          environmentId,
          '--file',
          file,
        ],
        {
          env: {
            ...process.env,
            DATABASE_URL: process.env.NPS_TEST_DATABASE_URL,
            RUN_MIGRATIONS: 'false',
            DATA_DIR: folder,
          },
        },
      );
      expect(stdout).toMatch(/Imported 2 responses: 2 new/);
      expect(await responseCount()).toBe(2);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
