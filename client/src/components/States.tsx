import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function WaitingForData({ children }: { children?: ComponentChildren }) {
  return (
    <div class="state state-empty" role="status" data-testid="waiting-for-data">
      <svg class="state-icon" viewBox="0 0 48 48" aria-hidden="true">
        <circle cx="24" cy="24" r="20" fill="none" stroke="currentColor" stroke-width="3" />
        <path d="M24 12v13l8 5" fill="none" stroke="currentColor" stroke-width="3" />
      </svg>
      <h3>Waiting For Data</h3>
      <div class="state-text">
        {children ?? 'No NPS responses have arrived for this environment yet.'}
      </div>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state state-empty" role="status">
      <h3>{title}</h3>
      {children && <div class="state-text">{children}</div>}
    </div>
  );
}

const ADVICE: Record<string, string> = {
  TIMEOUT:
    'The question took too long. Choose a shorter range, a longer interval or fewer filters.',
  FORBIDDEN: 'This key may not see this.',
  NETWORK: '',
  NOT_FOUND: '',
};

export function ErrorNotice({
  error,
  onRetry,
  title = 'This could not be loaded',
}: {
  error: ApiError;
  onRetry?: () => void;
  title?: string;
}) {
  const advice = ADVICE[error.code];
  return (
    <div class="state state-error" role="alert">
      <h3>{title}</h3>
      <p>
        {error.message}
        {error.argumentName ? ` (argument: ${error.argumentName})` : ''}
      </p>
      {advice ? <p class="muted">{advice}</p> : null}
      <p class="muted small">
        Code: {error.code}
        {error.requestId && (
          <>
            {' · '}
            <span data-testid="request-id">
              Request id <code>{error.requestId}</code>
            </span>{' '}
            (quote it when reporting this)
          </>
        )}
      </p>
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
