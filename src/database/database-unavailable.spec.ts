import { QueryFailedError } from 'typeorm';
import { describeDatabaseError, isDatabaseUnavailable } from './database-unavailable';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises socket failures on the way to the server', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']) {
      expect(isDatabaseUnavailable(withCode(code, `connect ${code} 127.0.0.1:5432`))).toBe(true);
    }
  });

  it('recognises connection exceptions (class 08) and a server shutting down or starting', () => {
    for (const code of ['08000', '08001', '08003', '08004', '08006', '08P01', '57P01', '57P03']) {
      expect(isDatabaseUnavailable(withCode(code))).toBe(true);
    }
  });

  it('recognises node-postgres terminated connections and pool connect timeouts', () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
    ]) {
      expect(isDatabaseUnavailable(new Error(message))).toBe(true);
    }
  });

  it('looks through TypeORM, cause and AggregateError wrappers', () => {
    const terminated = new Error('Connection terminated unexpectedly');
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], terminated))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('57P01') }))).toBe(true);
    const refused = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]);
    expect(isDatabaseUnavailable(refused)).toBe(true);
  });

  it('leaves errors of a reachable database, and everything else, alone', () => {
    for (const code of ['23505', '22P02', '57014', '40001', '53300', '42P01', 'ENOENT']) {
      expect(isDatabaseUnavailable(withCode(code))).toBe(false);
    }
    const unique = Object.assign(new Error('duplicate key value'), { code: '23505' });
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], unique))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection terminated by the user at 3pm'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error('something 08006 in the text'))).toBe(false);
    for (const value of [null, undefined, 'ECONNREFUSED', 42, {}]) {
      expect(isDatabaseUnavailable(value)).toBe(false);
    }
  });

  it('stops on a cycle of causes', () => {
    const looped: Error & { cause?: unknown } = new Error('outer');
    looped.cause = new Error('inner', { cause: looped });
    expect(isDatabaseUnavailable(looped)).toBe(false);
  });
});

describe('describeDatabaseError', () => {
  it('gives the driver text, of each attempt of an AggregateError', () => {
    expect(describeDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(
      'Connection terminated unexpectedly',
    );
    const refused = new AggregateError([
      new Error('connect ECONNREFUSED ::1:5432'),
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    ]);
    expect(describeDatabaseError(refused)).toBe(
      'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
  });
});
