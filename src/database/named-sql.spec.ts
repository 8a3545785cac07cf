import { bindNamed } from './named-sql';

describe('bindNamed', () => {
  it('numbers placeholders in order of first use and binds a repeated name once', () => {
    expect(
      bindNamed('SELECT * FROM t WHERE a = :a AND b >= :from AND c < :to OR a = :a', {
        a: 1,
        from: '2026-01-01',
        to: '2026-02-01',
      }),
    ).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b >= $2 AND c < $3 OR a = $1',
      values: [1, '2026-01-01', '2026-02-01'],
    });
  });

  it('leaves casts, quoted strings and quoted identifiers alone', () => {
    expect(
      bindNamed(`SELECT :from::timestamptz, ':not', 'it''s :x', "col:y" FROM t WHERE x = :x::int`, {
        from: 'f',
        x: 2,
      }),
    ).toEqual({
      text: `SELECT $1::timestamptz, ':not', 'it''s :x', "col:y" FROM t WHERE x = $2::int`,
      values: ['f', 2],
    });
  });

  it('leaves comments alone, apostrophes and colons in them included', () => {
    expect(
      bindNamed(`-- each person's latest: one row\nSELECT :a /* not :b, it's a comment */, :c`, {
        a: 1,
        c: 3,
      }),
    ).toEqual({
      text: `-- each person's latest: one row\nSELECT $1 /* not :b, it's a comment */, $2`,
      values: [1, 3],
    });
  });

  it('keeps null and array values as given', () => {
    expect(bindNamed('SELECT :a::text[], :b', { a: ['x', 'y'], b: null }).values).toEqual([
      ['x', 'y'],
      null,
    ]);
  });

  it('refuses a placeholder without a value', () => {
    expect(() => bindNamed('SELECT :missing', {})).toThrow('SQL parameter :missing has no value');
  });

  it('refuses a value without a placeholder', () => {
    expect(() => bindNamed('SELECT :a', { a: 1, stray: 2 })).toThrow(':stray');
  });
});
