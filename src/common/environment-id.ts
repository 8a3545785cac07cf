import { AppError } from './app-error';

/** Environment ids are positive integers (Heap's numeric app_id), passed as strings. */
export function parseEnvironmentId(value: unknown, argument = 'environmentId'): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,17}$/.test(text.trim())) {
    throw AppError.badInput(
      `${argument} must be an environment id (a positive whole number, e.g. "1").`,
      argument,
    );
  }
  return text.trim();
}
