import { AppError } from './app-error';
import { decodeCursor, encodeCursor, pageSize } from './cursor';

const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

describe('cursors', () => {
  it('round-trips the values of its own list', () => {
    expect(
      decodeCursor('event', encodeCursor('event', ['2026-01-01T00:00:00.000Z', 42]), [
        'time',
        'id',
      ]),
    ).toEqual(['2026-01-01T00:00:00.000Z', '42']);
    expect(decodeCursor('user', encodeCursor('user', ['9223372036854775807']), ['id'])).toEqual([
      '9223372036854775807',
    ]);
  });

  it('refuses a cursor of another list or garbage', () => {
    expect(() => decodeCursor('user', encodeCursor('event', [1]), ['id'])).toThrow(AppError);
    expect(() => decodeCursor('user', 'not-base64-json', ['id'])).toThrow(
      /not a cursor from this list/,
    );
  });

  it.each([
    ['a text id', ['user', 'abc'], ['id']],
    ['a negative id', ['user', -1], ['id']],
    ['a fractional id', ['user', 1.5], ['id']],
    ['an id past bigint', ['user', '9223372036854775808'], ['id']],
    ['an object id', ['sync-run', { id: 1 }], ['id']],
    ['a missing value', ['user'], ['id']],
    ['an extra value', ['user', '1', '2'], ['id']],
    ['a time that is not one', ['event', 'yesterday', '1'], ['time', 'id']],
    ['an impossible time', ['event', '2024-02-30T00:00:00.000Z', '1'], ['time', 'id']],
    ['a numeric time', ['member', 1700000000000, '1'], ['time', 'id']],
    ['a null id', ['response', '2024-01-01T00:00:00.000Z', null], ['time', 'id']],
  ] as const)('refuses a cursor with the right tag but %s, naming after', (_, values, shape) => {
    const run = () => decodeCursor(values[0], forged([...values]), shape);
    expect(run).toThrow(/"after" is not a cursor from this list/);
    try {
      run();
    } catch (error) {
      expect((error as AppError).details.argument).toBe('after');
    }
  });
});

describe('pageSize', () => {
  it('applies the default under the cap', () => {
    expect(pageSize(undefined, 50, 500)).toBe(50);
    expect(pageSize(null, 50, 20)).toBe(20);
  });
  it.each([0, -1, 1.5, 501])('refuses first = %p', (first) => {
    expect(() => pageSize(first, 50, 500)).toThrow(/from 1 to 500/);
  });
});
