import { AppError } from '../common/app-error';
import { parseTrackBody, parseUserPropertiesBody, readAppId } from './heap-payload.validator';

const NOW = new Date('2026-06-01T12:00:00Z');

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.details.problems ?? [];
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('readAppId', () => {
  it('accepts string and numeric environment ids', () => {
    expect(readAppId({ app_id: '12' })).toBe('12');
    expect(readAppId({ app_id: 12 })).toBe('12');
  });
  it.each([[{}], [{ app_id: 'abc' }], [{ app_id: 0 }], [{ app_id: '-3' }], [[1, 2]], ['text']])(
    'rejects %j naming app_id or the body',
    (body) => {
      expect(problemsOf(() => readAppId(body))[0].field).toMatch(/app_id|body/);
    },
  );
});

describe('parseTrackBody', () => {
  it('defaults the time to now and the properties to none', () => {
    expect(parseTrackBody({ identity: 'a', event: 'E' }, NOW)).toEqual([
      { identity: 'a', name: 'E', time: NOW, properties: {}, idempotencyKey: null },
    ]);
  });

  it('joins arrays with || and turns booleans into text, as Heap does', () => {
    const [event] = parseTrackBody(
      { identity: 'a', event: 'E', properties: { list: [1, 'b', true], flag: false } },
      NOW,
    );
    expect(event.properties).toEqual({ list: '1||b||true', flag: 'false' });
  });

  it('accepts a timestamp a few hours ahead (clock skew) but not days ahead', () => {
    expect(
      parseTrackBody(
        { identity: 'a', event: 'E', timestamp: '2026-06-01T20:00:00Z' },
        NOW,
      )[0].time.toISOString(),
    ).toBe('2026-06-01T20:00:00.000Z');
    expect(
      problemsOf(() =>
        parseTrackBody({ identity: 'a', event: 'E', timestamp: '2026-06-04T00:00:00Z' }, NOW),
      )[0].field,
    ).toBe('timestamp');
  });

  it('keeps an explicit offset in an ISO timestamp', () => {
    const [event] = parseTrackBody(
      { identity: 'a', event: 'E', timestamp: '2026-01-01T10:00:00+02:00' },
      NOW,
    );
    expect(event.time.toISOString()).toBe('2026-01-01T08:00:00.000Z');
  });

  it('reports every problem of every bulk item with its index', () => {
    const problems = problemsOf(() =>
      parseTrackBody(
        { events: [{ identity: 'a', event: 'E' }, { event: 'E', properties: { n: NaN } }, 'junk'] },
        NOW,
      ),
    );
    expect(problems.map((problem) => [problem.index, problem.field])).toEqual([
      [1, 'events[1].identity'],
      [1, 'events[1].properties.n'],
      [2, 'events[2]'],
    ]);
  });

  it.each([
    ['identity', { identity: 'a\u0000' }, 'identity'],
    ['event', { event: 'E\u0000' }, 'event'],
    ['idempotency_key', { idempotency_key: 'k\u0000' }, 'idempotency_key'],
    ['a property value', { properties: { plan: 'p\u0000' } }, 'properties.plan'],
    ['a joined list value', { properties: { tags: ['a', 'b\u0000'] } }, 'properties.tags'],
    ['a property name', { properties: { 'p\u0000': 1 } }, 'properties.p\\u0000'],
  ])('refuses NUL in %s, naming the field', (_, change, field) => {
    const problems = problemsOf(() =>
      parseTrackBody({ identity: 'a', event: 'E', ...change }, NOW),
    );
    expect(problems).toEqual([
      expect.objectContaining({ field, message: expect.stringMatching(/NUL character/) }),
    ]);
  });

  it('refuses a __proto__ property instead of dropping it', () => {
    const body = JSON.parse('{"identity":"a","event":"E","properties":{"__proto__":"x","ok":1}}');
    expect(problemsOf(() => parseTrackBody(body, NOW))).toEqual([
      expect.objectContaining({
        field: 'properties.__proto__',
        message: expect.stringMatching(/"__proto__" is reserved/),
      }),
    ]);
  });

  it.each(['2024-02-30T10:00:00Z', '2023-02-29', '2024-04-31 10:00:00', '2024-01-01T25:00:00Z'])(
    'refuses the impossible timestamp %s instead of moving it',
    (timestamp) => {
      expect(
        problemsOf(() => parseTrackBody({ identity: 'a', event: 'E', timestamp }, NOW)),
      ).toEqual([expect.objectContaining({ field: 'timestamp' })]);
    },
  );

  it('says how many items were bad and that nothing was written', () => {
    try {
      parseTrackBody({ events: [{ event: 'E' }, { event: 'E' }] }, NOW);
      throw new Error('expected a validation error');
    } catch (error) {
      expect((error as AppError).message).toBe('2 problems in 2 events; nothing was written.');
    }
  });
});

describe('parseUserPropertiesBody', () => {
  it('merges repeated identities in order, later values winning', () => {
    expect(
      parseUserPropertiesBody({
        users: [
          { identity: 'a', properties: { plan: 'free', seats: 1 } },
          { identity: 'b', properties: { plan: 'pro' } },
          { identity: 'a', properties: { plan: 'team' } },
        ],
      }),
    ).toEqual([
      { identity: 'a', properties: { plan: 'team', seats: 1 } },
      { identity: 'b', properties: { plan: 'pro' } },
    ]);
  });

  it('refuses NUL in identities, names and values, and __proto__ names', () => {
    const problems = problemsOf(() =>
      parseUserPropertiesBody(
        JSON.parse(
          '{"users":[{"identity":"a\\u0000","properties":{"x":1}},' +
            '{"identity":"b","properties":{"plan":"p\\u0000","n\\u0000":1,"__proto__":{"admin":true}}}]}',
        ),
      ),
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'users[0].identity',
      'users[1].properties.plan',
      'users[1].properties.n\\u0000',
      'users[1].properties.__proto__',
    ]);
  });

  it('requires a properties object', () => {
    expect(problemsOf(() => parseUserPropertiesBody({ identity: 'a' }))[0].field).toBe(
      'properties',
    );
  });
});
