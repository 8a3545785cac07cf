import { AppError } from '../../common/app-error';
import { statementTimeoutError } from './statement-timeout';

describe('statementTimeoutError', () => {
  it('turns a statement stopped by PostgreSQL (57014) into TIMEOUT with advice', () => {
    const mapped = statementTimeoutError({ driverError: { code: '57014' } }, 15000);
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe('TIMEOUT');
    expect((mapped as AppError).message).toBe(
      'The analytics query took longer than 15000 ms and was stopped; narrow the range or the filter.',
    );
  });

  it('leaves every other error as it is', () => {
    const other = Object.assign(new Error('duplicate'), { driverError: { code: '23505' } });
    expect(statementTimeoutError(other, 15000)).toBe(other);
    const plain = new Error('connection refused');
    expect(statementTimeoutError(plain, 15000)).toBe(plain);
  });
});
