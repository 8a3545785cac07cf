import { bindNamed } from '../../database/named-sql';
import { sql, withParameters } from './named-fragment';

describe('sql template tag', () => {
  it('dedents the statement and continues a fragment at the column it starts at', () => {
    const inner = sql`
      SELECT id
        FROM t
       WHERE a = :a`;
    const statement = sql`
      SELECT * FROM (
        ${inner}
      ) sub
       WHERE sub.id > 0`;
    expect(statement.sql).toBe(
      [
        'SELECT * FROM (',
        '  SELECT id',
        '    FROM t',
        '   WHERE a = :a',
        ') sub',
        ' WHERE sub.id > 0',
      ].join('\n'),
    );
    expect(sql`SELECT x, ${sql`a,\nb`} FROM t`.sql).toBe('SELECT x, a,\n          b FROM t');
  });

  it('brings the parameters of every fragment along', () => {
    const a = withParameters(sql`x = :x`, { x: 1 });
    const b = withParameters(sql`y = :y AND x = :x`, { x: 1, y: 'two' });
    const statement = withParameters(sql`SELECT 1 WHERE ${a} AND ${b} AND z = :z`, { z: [3] });
    expect(statement.parameters).toEqual({ x: 1, y: 'two', z: [3] });
    expect(bindNamed(statement.sql, statement.parameters)).toEqual({
      text: 'SELECT 1 WHERE x = $1 AND y = $2 AND x = $1 AND z = $3',
      values: [1, 'two', [3]],
    });
  });

  it('refuses one name bound to two different values', () => {
    const a = withParameters(sql`x = :x`, { x: 1 });
    const b = withParameters(sql`x = :x`, { x: 2 });
    expect(() => sql`SELECT ${a}, ${b}`).toThrow('SQL parameter :x is given two different values');
    expect(() => withParameters(a, { x: [1] })).toThrow(':x');
    expect(withParameters(withParameters(sql`:x`, { x: ['a'] }), { x: ['a'] }).parameters).toEqual({
      x: ['a'],
    });
  });

  it('drops a line left empty by an empty interpolation and keeps text parts as they are', () => {
    const join = '';
    expect(
      sql`
        SELECT ${'count(*)'}
          FROM t
          ${join}
         WHERE true`.sql,
    ).toBe('SELECT count(*)\n  FROM t\n WHERE true');
  });
});
