import { GraphQLISODateTime } from '@nestjs/graphql';
import { Kind } from 'graphql';
import { StrictDateTimeScalar, dateTimeProblem } from './date-time.scalar';

describe('StrictDateTimeScalar', () => {
  it('keeps the name, description and output of the DateTime it replaces', () => {
    expect(StrictDateTimeScalar.name).toBe(GraphQLISODateTime.name);
    expect(StrictDateTimeScalar.description).toBe(GraphQLISODateTime.description);
    const date = new Date('2026-01-01T00:00:00Z');
    expect(StrictDateTimeScalar.serialize(date)).toBe('2026-01-01T00:00:00.000Z');
  });

  it.each(['2024-02-29T00:00:00Z', '2026-01-01', '2026-01-01T10:00:00+02:00'])(
    'reads %s as before',
    (text) => {
      expect(StrictDateTimeScalar.parseValue(text)).toEqual(new Date(text));
      expect(dateTimeProblem(text)).toBeNull();
      expect(StrictDateTimeScalar.parseLiteral({ kind: Kind.STRING, value: text })).toEqual(
        new Date(text),
      );
    },
  );

  it.each([
    ['2024-02-30T00:00:00Z', /2024-02-30 does not exist \(February 2024 has 29 days\)/],
    ['2024-01-01T24:30:00Z', /not a time of day/],
    ['0000-01-01T00:00:00Z', /between the years 1000 and 9999 \(got 0\)/],
    ['+275760-09-13T00:00:00Z', /between the years 1000 and 9999/],
    ['next tuesday', /is not a date-time/],
    [1e20, /is not a date-time/],
    [true, /must be an ISO 8601 string/],
  ])('refuses %p', (value, message) => {
    expect(() => StrictDateTimeScalar.parseValue(value)).toThrow(message);
    expect(dateTimeProblem(value)).toMatch(message);
  });

  it('turns a bad literal into an invalid Date, for the plugin to refuse naming its argument', () => {
    const parsed = StrictDateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2023-02-29' });
    expect(Number.isNaN((parsed as Date).getTime())).toBe(true);
  });
});
