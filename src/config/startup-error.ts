/**
 * A reason the service cannot start that the person starting it can fix: printed as it is,
 * without a stack trace, and naming the variable or folder to change.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
