import { TestApp, createEnvironmentWithKeys } from './support/test-app';
import {
  startSyncTestApp,
  storedResponses,
  submitSurveyEvents,
} from './support/delighted-fixtures';
import { withTestDatabase } from './support/test-database';

const CSV = [
  'Response ID,Score,Comment,Email,Created At,Updated At,Permalink,Survey Type',
  '5001,10,"Love it,\nespecially exports",  Zed@Example.com ,2024-03-01 10:00:00 -0500,,https://delighted.com/r/5001,nps',
  '5002,4,,someone@example.com,2024-03-02 11:00:00 +0000,2024-03-03 09:00:00 +0000,,nps',
  '5003,3,ok,zed@example.com,2024-03-04T00:00:00Z,,,csat',
].join('\r\n');

describe('importing exported survey responses', () => {
  let test: TestApp;
  let environmentId: string;
  let keys: Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

  beforeAll(async () => {
    // Under MAX_BODY_BYTES (5 MB by default), so that GraphQL can carry a file over it.
    test = await startSyncTestApp({ MAX_IMPORT_BYTES: '65536' });
  });
  afterAll(() => test.close());
  beforeEach(async () => {
    ({ environmentId, keys } = await createEnvironmentWithKeys(test));
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "identity") { id } }',
      {
        env: environmentId,
      },
    );
    await test.http
      .post('/api/track')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({ app_id: environmentId, identity: 'zed@example.com', event: 'Login' })
      .expect(200);
  });

  const importCsv = (key: string, csv: string) =>
    test.graphql(
      key,
      'mutation($env: ID!, $csv: String) { importSurveyResponses(environmentId: $env, csv: $csv) { responses inserted updated unchanged matched } }',
      { env: environmentId, csv },
    );

  it('imports a Delighted CSV export through GraphQL, matching users, and is idempotent', async () => {
    const first = await importCsv(keys.ARCHITECT, CSV);
    expect(first.data).toEqual({
      importSurveyResponses: { responses: 3, inserted: 3, updated: 0, unchanged: 0, matched: 2 },
    });
    const rows = await storedResponses(environmentId);
    expect(
      rows.map((row) => [
        row.response_id,
        row.score,
        row.comment,
        row.is_nps,
        row.user_id !== null,
      ]),
    ).toEqual([
      ['5001', 10, 'Love it,\nespecially exports', true, true],
      ['5002', 4, null, true, false],
      ['5003', 3, 'ok', false, true],
    ]);
    expect(rows[0].responded_at.toISOString()).toBe('2024-03-01T15:00:00.000Z');
    expect((await submitSurveyEvents(environmentId)).map((event) => event.idempotency_key)).toEqual(
      ['survey:5001', 'survey:5003'],
    );
    const again = await importCsv(keys.ARCHITECT, CSV);
    expect(again.data).toEqual({
      importSurveyResponses: { responses: 3, inserted: 0, updated: 0, unchanged: 3, matched: 0 },
    });
  });

  it('rejects a file with a bad row by line and column and writes none of it', async () => {
    const bad = `${CSV}\r\n5004,ten,,a@b.c,2024-03-05,,,nps`;
    const result = await importCsv(keys.ARCHITECT, bad);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.problems).toEqual([
      expect.objectContaining({
        line: 6,
        column: 'score',
        message: expect.stringMatching(/"ten" is not a whole number/),
      }),
    ]);
    expect(await storedResponses(environmentId)).toEqual([]);
  });

  it('refuses a GraphQL csv over MAX_IMPORT_BYTES, after checking the role, and writes nothing', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${7000 + i},9,,,2024-03-01,,,nps`);
    const big = [CSV, ...rows].join('\r\n');
    expect(big.length).toBeGreaterThan(65536);
    const refused = await importCsv(keys.ARCHITECT, big);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('65536 bytes allowed (MAX_IMPORT_BYTES)'),
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect((await importCsv(keys.ANALYST, big)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await storedResponses(environmentId)).toEqual([]);
  });

  it('says which delimiter it read: semicolon over GraphQL, tab over REST (text/csv and multipart)', async () => {
    const semicolons = CSV.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/gm, ';');
    expect(semicolons.split('\r\n')[0]).toBe(
      'Response ID;Score;Comment;Email;Created At;Updated At;Permalink;Survey Type',
    );
    const graphql = await test.ok<{
      importSurveyResponses: { responses: number; delimiter: string };
    }>(
      keys.ARCHITECT,
      'mutation($env: ID!, $csv: String) { importSurveyResponses(environmentId: $env, csv: $csv) { responses delimiter } }',
      { env: environmentId, csv: semicolons },
    );
    expect(graphql.importSurveyResponses).toEqual({ responses: 3, delimiter: 'SEMICOLON' });
    const tabs = 'Response ID\tScore\tCreated At\nt1\t9\t2024-03-05\nt2\t2\t2024-03-06\n';
    const url = `/api/environments/${environmentId}/survey-responses/import`;
    const rest = await test.http
      .post(url)
      .set('authorization', `Bearer ${keys.ARCHITECT}`)
      .set('content-type', 'text/csv')
      .send(tabs);
    expect(rest.body).toEqual({
      responses: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      matched: 0,
      delimiter: 'TAB',
    });
    const multipart = await test.http
      .post(url)
      .set('authorization', `Bearer ${keys.ARCHITECT}`)
      .attach('file', Buffer.from(semicolons), 'export.csv');
    expect(multipart.body).toMatchObject({ responses: 3, unchanged: 3, delimiter: 'SEMICOLON' });
  });

  it('refuses roles below ARCHITECT', async () => {
    expect((await importCsv(keys.ANALYST, CSV)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('takes the same file over REST as text/csv, JSON or multipart', async () => {
    const url = `/api/environments/${environmentId}/survey-responses/import`;
    const csv = await test.http
      .post(url)
      .set('authorization', `Bearer ${keys.ARCHITECT}`)
      .set('content-type', 'text/csv')
      .send(CSV);
    expect(csv.status).toBe(200);
    expect(csv.body).toMatchObject({ responses: 3, inserted: 3, delimiter: 'COMMA' });
    const json = await test.http
      .post(url)
      .set('authorization', `Bearer ${keys.ARCHITECT}`)
      .send([
        {
          id: '6001',
          person: { id: 'p9', email: 'new@example.com' },
          score: 8,
          created_at: 1714571110,
          updated_at: null,
        },
      ]);
    expect(json.body).toEqual({
      responses: 1,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      matched: 0,
      delimiter: null,
    });
    const multipart = await test.http
      .post(url)
      .set('authorization', `Bearer ${keys.ARCHITECT}`)
      .attach(
        'file',
        Buffer.from(
          CSV.replace('5001,10', '5001,9').replace(
            '2024-03-01 10:00:00 -0500,',
            '2024-03-01 10:00:00 -0500,2024-04-01 00:00:00 +0000',
          ),
        ),
        'export.csv',
      );
    expect(multipart.body).toMatchObject({ responses: 3, updated: 1, unchanged: 2 });
    const refused = await test.http
      .post(url)
      .set('authorization', `Bearer ${keys.INGEST}`)
      .set('content-type', 'text/csv')
      .send(CSV);
    expect(refused.status).toBe(403);
    const broken = await test.http
      .post(url)
      .set('authorization', `Bearer ${keys.ARCHITECT}`)
      .set('content-type', 'text/csv')
      .send('id,score\n1,2');
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].message).toMatch(/created at/);
    const count = await withTestDatabase((client) =>
      client.query('SELECT count(*)::int AS n FROM survey_responses WHERE environment_id = $1', [
        environmentId,
      ]),
    );
    expect(count.rows[0].n).toBe(4);
  });
});
