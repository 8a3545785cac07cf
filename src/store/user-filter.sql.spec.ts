import { bindNamed } from '../database/named-sql';
import { type UserPropertyCondition, userFilterNamedSql, userFilterSql } from './user-filter.sql';

const CONDITIONS: UserPropertyCondition[] = [
  { property: 'plan', equals: 'pro' },
  { property: 'country', in: ['DE', 'FR'] },
  { property: 'beta', exists: true },
  { property: 'churned', exists: false },
];

describe('user filter SQL', () => {
  it('numbers positional parameters after those the statement already has', () => {
    const params: unknown[] = ['environment'];
    expect(userFilterSql(CONDITIONS, 'u', params)).toBe(
      '(u.properties ->> $2) = $3::text AND (u.properties ->> $4) = ANY($5::text[])' +
        ' AND (u.properties ? $6) AND NOT (u.properties ? $7)',
    );
    expect(params).toEqual([
      'environment',
      'plan',
      'pro',
      'country',
      ['DE', 'FR'],
      'beta',
      'churned',
    ]);
  });

  it('names the parameters of each condition and binds to the same statement', () => {
    const named = userFilterNamedSql(CONDITIONS, 'u');
    expect(named.sql).toBe(
      '(u.properties ->> :filter1Property) = :filter1Value::text' +
        ' AND (u.properties ->> :filter2Property) = ANY(:filter2Values::text[])' +
        ' AND (u.properties ? :filter3Property) AND NOT (u.properties ? :filter4Property)',
    );
    const bound = bindNamed(named.sql, named.parameters);
    const params: unknown[] = [];
    expect(bound).toEqual({ text: userFilterSql(CONDITIONS, 'u', params), values: params });
  });

  it('is TRUE without conditions', () => {
    expect(userFilterSql([], 'u', [])).toBe('TRUE');
    expect(userFilterNamedSql([], 'u')).toEqual({ sql: 'TRUE', parameters: {} });
  });
});
