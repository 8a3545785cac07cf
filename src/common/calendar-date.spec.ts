import { calendarProblem, daysInMonth, instantProblem } from './calendar-date';

describe('daysInMonth', () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('calendarProblem', () => {
  it.each([
    '2024-02-29',
    '2024-02-29T23:59:59Z',
    '2024-12-31 10:00:00 -0500',
    '2024-01-01T9:05',
    'not a date',
    '1714571110',
  ])('lets %s through', (text) => {
    expect(calendarProblem(text)).toBeNull();
  });

  it.each([
    ['2024-02-30', /2024-02-30 does not exist \(February 2024 has 29 days\)/],
    ['2023-02-29T10:00:00Z', /February 2023 has 28 days/],
    ['2024-04-31 10:00:00', /April 2024 has 30 days/],
    ['2024-00-10', /no month 0/],
    ['2024-13-01', /no month 13/],
    ['2024-01-00', /does not exist/],
    ['2024-01-01T24:00:00Z', /not a time of day/],
    ['2024-01-01T10:60', /not a time of day/],
    ['2024-01-01 10:00:61', /not a time of day/],
  ])('refuses %s', (text, message) => {
    expect(calendarProblem(text)).toMatch(message);
  });
});

describe('instantProblem', () => {
  it('accepts years 1000 to 9999', () => {
    expect(instantProblem(new Date('1000-01-01T00:00:00Z'))).toBeNull();
    expect(instantProblem(new Date('9999-12-31T23:59:59.999Z'))).toBeNull();
  });
  it.each([
    [new Date('0000-01-01T00:00:00Z'), /years 1000 and 9999 \(got 0\)/],
    [new Date(1e12 * 1000), /got 33658/],
    [new Date(1e20 * 1000), /not a valid date/],
    [new Date('0999-12-31T23:59:59Z'), /got 999/],
  ])('refuses %s', (date, message) => {
    expect(instantProblem(date)).toMatch(message);
  });
});
