import { AppError } from '../../common/app-error';
import {
  parseExportDate,
  parseSurveyCsv,
  parseSurveyJson,
  readSurveyCsv,
} from './survey-import.parser';

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.details.problems ?? [];
    throw error;
  }
  throw new Error('expected an error');
}

describe('parseExportDate', () => {
  it.each([
    ['2024-05-01T13:45:10Z', '2024-05-01T13:45:10.000Z'],
    ['2024-05-01 13:45:10 -0700', '2024-05-01T20:45:10.000Z'],
    ['2024-05-01 13:45:10 +05:30', '2024-05-01T08:15:10.000Z'],
    ['2024-05-01 13:45:10 UTC', '2024-05-01T13:45:10.000Z'],
    ['2024-05-01 9:05', '2024-05-01T09:05:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['1714571110', '2024-05-01T13:45:10.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseExportDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    'yesterday',
    '05/01/2024',
    '2024-13-45 10:00:00',
    '2024-02-30',
    '2023-02-29 10:00:00 +0000',
    '2024-04-31T00:00:00Z',
  ])('refuses %s', (text) => {
    expect(parseExportDate(text)).toBeNull();
  });
});

describe('parseSurveyCsv', () => {
  it('matches header names case-insensitively and through aliases', () => {
    const [record] = parseSurveyCsv(
      '\uFEFFResponse_ID,NPS Score,Comments,E-mail,Response Date,Updated_At,Survey Type,Person ID\n' +
        'r1,9,"Great, really",  Ann@Example.com ,2024-05-01 10:00:00 +0000,2024-05-02 10:00:00 +0000,NPS,p1\n',
    );
    expect(record).toEqual({
      responseId: 'r1',
      score: 9,
      comment: 'Great, really',
      email: 'Ann@Example.com',
      respondedAt: new Date('2024-05-01T10:00:00Z'),
      responseUpdatedAt: new Date('2024-05-02T10:00:00Z'),
      surveyType: 'nps',
      personId: 'p1',
      phoneNumber: null,
      permalink: null,
      personProperties: null,
    });
  });

  it('names every bad row by line and column, counting multi-line comments', () => {
    const problems = problemsOf(() =>
      parseSurveyCsv(
        'response id,score,comment,created at\n' +
          'r1,9,"line one\nline two",2024-05-01\n' +
          'r2,eleven,,2024-05-01\n' +
          'r3,11,,2024-05-01\n' +
          ',5,,not a date\n',
      ),
    );
    expect(problems.map((problem) => [problem.line, problem.column])).toEqual([
      [4, 'score'],
      [5, 'score'],
      [6, 'response id'],
      [6, 'created at'],
    ]);
  });

  it.each([
    ['semicolons (Excel in many European locales)', ';'],
    ['tabs', '\t'],
  ])('reads a file separated by %s as one separated by commas', (_name, delimiter) => {
    const comma =
      'Response ID,Email,Score,Comment,Created At\n' + 'r1,ann@x.io,9,"Fine, thanks",2024-05-01\n';
    const other = comma.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, delimiter);
    expect(other).toContain(`Response ID${delimiter}Email`);
    expect(parseSurveyCsv(other)).toEqual(parseSurveyCsv(comma));
  });

  it('says which delimiter it read a header with when columns are missing', () => {
    const [problem] = problemsOf(() => parseSurveyCsv('Response ID;Email;Scores\nr1;a@x.io;9\n'));
    expect(problem.message).toBe(
      'missing "score", "created at" (found: Response ID, Email, Scores; read as semicolon-separated)',
    );
  });

  it('requires the response id, score and created at columns', () => {
    const [problem] = problemsOf(() => parseSurveyCsv('id,comment\n1,x\n'));
    expect(problem.message).toMatch(/missing "score", "created at"/);
  });

  it('accepts scores outside 0–10 for other survey types', () => {
    const [record] = parseSurveyCsv('id,score,created at,survey type\nc1,5,2024-01-01,csat\n');
    expect(record.surveyType).toBe('csat');
  });
});

describe('readSurveyCsv (streamed)', () => {
  const FILE = Buffer.from(
    'Response ID,Score,Comment,Email,Created At\r\n' +
      Array.from(
        { length: 40 },
        (_, i) =>
          `r${i},${i % 11},"comment ${i}, ""quoted""\r\nwith é and 😀",u${i}@x.io,2024-05-01\r\n`,
      ).join(''),
    'utf8',
  );

  async function streamed(bytes: Buffer, chunkSize: number) {
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    }
    const records = [];
    for await (const batch of readSurveyCsv(chunks())) records.push(...batch);
    return records;
  }

  async function refusal(bytes: Buffer, chunkSize: number) {
    try {
      await streamed(bytes, chunkSize);
    } catch (error) {
      if (error instanceof AppError) return { message: error.message, ...error.details };
      throw error;
    }
    throw new Error('expected an error');
  }

  it.each([1, 7, 64, 4096])(
    'imports a file in %i-byte chunks as it does in one',
    async (chunkSize) => {
      const whole = parseSurveyCsv(FILE.toString('utf8'));
      expect(whole).toHaveLength(40);
      expect(whole[3].comment).toBe('comment 3, "quoted"\r\nwith é and 😀');
      expect(await streamed(FILE, chunkSize)).toEqual(whole);
    },
  );

  it.each([1, 13, 4096])(
    'names the same problems in %i-byte chunks, writing nothing back',
    async (chunkSize) => {
      const bad = Buffer.concat([
        FILE,
        Buffer.from('r99,ten,,a@b.c,2024-05-01\r\nr100,5,,,never\r\n'),
      ]);
      const problems = problemsOf(() => parseSurveyCsv(bad.toString('utf8')));
      expect(problems.map((problem) => [problem.line, problem.column])).toEqual([
        [82, 'score'],
        [83, 'created at'],
      ]);
      expect((await refusal(bad, chunkSize)).problems).toEqual(problems);
    },
  );

  it('lets a syntax error anywhere win over bad rows and a bad header, as a whole file does', async () => {
    const rows = Buffer.concat([FILE, Buffer.from('r99,ten,,,2024-05-01\n"open')]);
    const header = Buffer.from('id,comment\n1,x\n2,"y"z\n');
    for (const bytes of [rows, header]) {
      const whole = problemsOf(() => parseSurveyCsv(bytes.toString('utf8')));
      expect(whole).toEqual([expect.objectContaining({ field: 'csv' })]);
      expect((await refusal(bytes, 5)).problems).toEqual(whole);
    }
  });

  it('refuses an empty stream and a header without rows', async () => {
    expect((await refusal(Buffer.alloc(0), 5)).message).toBe('The file is empty.');
    expect((await refusal(Buffer.from('id,score,created at\r\n'), 5)).message).toMatch(
      /no responses/,
    );
  });
});

describe('parseSurveyCsv with the rules shared by every write path', () => {
  const HEADER = 'id,score,comment,created at,survey type\n';
  it.each([
    ['c1,99999999999,,2024-01-01,csat', 'score', /1 to 5 for survey type "csat"/],
    ['c1,11,,2024-01-01,nps', 'score', /0 to 10 for an NPS survey, got 11/],
    ['c1,5,"a\u0000b",2024-01-01,nps', 'comment', /NUL character/],
    ['c1,5,,2024-02-30,nps', 'created at', /2024-02-30 does not exist/],
    ['c1,5,,0000-01-01,nps', 'created at', /between the years 1000 and 9999 \(got 0\)/],
  ])('refuses %j naming the column', (row, column, message) => {
    expect(problemsOf(() => parseSurveyCsv(HEADER + row + '\n'))).toEqual([
      expect.objectContaining({ line: 2, column, message: expect.stringMatching(message) }),
    ]);
  });
});

describe('parseSurveyJson', () => {
  it('reads the API shape, expanded person or not', () => {
    const records = parseSurveyJson(
      JSON.stringify([
        {
          id: '1',
          person: { id: 'p1', email: 'A@b.c', phone_number: null },
          survey_type: 'nps',
          score: 7,
          comment: null,
          permalink: 'https://x/1',
          created_at: 1714571110,
          updated_at: null,
          person_properties: { plan: 'pro' },
        },
        { id: 2, person: 'p2', score: 10, created_at: 1714571111, updated_at: 1714571200 },
      ]),
    );
    expect(
      records.map((record) => [
        record.responseId,
        record.personId,
        record.email,
        record.surveyType,
      ]),
    ).toEqual([
      ['1', 'p1', 'A@b.c', 'nps'],
      ['2', 'p2', null, 'nps'],
    ]);
  });

  it('names bad items by index', () => {
    const problems = problemsOf(() =>
      parseSurveyJson(
        JSON.stringify({
          responses: [
            { id: '1', score: 'x', created_at: 1 },
            { id: '2', score: 12, created_at: 1 },
          ],
        }),
      ),
    );
    expect(problems.map((problem) => problem.index)).toEqual([0, 1]);
  });

  it('names the wrong field of each item', () => {
    const problems = problemsOf(() =>
      parseSurveyJson(
        JSON.stringify([
          { id: '1', person: { id: 'p', email: 42 }, score: 5, created_at: 1714571110 },
          { id: '2', score: 1e10, created_at: 1714571110 },
          { id: '3', score: 5, created_at: 1e12 },
        ]),
      ),
    );
    expect(problems.map((problem) => [problem.field, problem.message])).toEqual([
      ['[0].person.email', 'person.email must be a string or null, got a number'],
      ['[1].score', 'score must be 0 to 10 for an NPS survey, got 10000000000'],
      ['[2].created_at', 'created_at must lie between the years 1000 and 9999 (got 33658)'],
    ]);
  });
});
