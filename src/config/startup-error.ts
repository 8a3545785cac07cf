/**
 * A reason the service cannot start that the person starting it can fix: printed as it is,
 * without a stack trace, and naming the variable or folder to change.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/**
 * What to print when start-up fails: a StartupError's reason alone (it says what to change);
 * anything else is a defect, shown with its stack.
 */
export function startupFailureText(error: unknown): string {
  if (error instanceof StartupError) return `Failed to start: ${error.message}`;
  if (error instanceof Error) return `Failed to start: ${error.stack ?? error.message}`;
  return `Failed to start: ${String(error)} (no reason given; LOG_LEVEL=debug shows more)`;
}
