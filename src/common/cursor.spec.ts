import { AppError } from './app-error';
import { decodeCursor, encodeCursor, pageSize } from './cursor';

describe('cursors', () => {
  it('round-trips the values of its own list', () => {
    expect(decodeCursor('event', encodeCursor('event', ['2026-01-01T00:00:00.000Z', 42]))).toEqual([
      '2026-01-01T00:00:00.000Z',
      '42',
    ]);
  });

  it('refuses a cursor of another list or garbage', () => {
    expect(() => decodeCursor('user', encodeCursor('event', [1]))).toThrow(AppError);
    expect(() => decodeCursor('user', 'not-base64-json')).toThrow(/not a cursor from this list/);
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
