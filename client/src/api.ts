/** A tiny GraphQL client: one fetch per operation, errors carrying the service's extensions. */
import type { TypedDocumentString } from './generated/graphql';

export interface Problem {
  line?: number;
  column?: string;
  field?: string;
  index?: number;
  message: string;
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; argumentName?: string; problems?: Problem[]; requestId?: string };
}

/** What the service answers before GraphQL runs (authentication, an outage): its REST shape. */
interface RestErrorBody {
  statusCode?: number;
  error?: string;
  message?: string;
  requestId?: string;
}

/** Said instead of the service's own words when it answers 503 (its database is unreachable). */
export const UNAVAILABLE_MESSAGE =
  'The service cannot reach its database right now; try again in a minute.';

export class ApiError extends Error {
  constructor(
    message: string,
    /** extensions.code (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, TIMEOUT, …) or NETWORK. */
    readonly code: string,
    readonly argumentName?: string,
    readonly problems?: Problem[],
    /** The id the service gave the request (X-Request-Id), for a report to quote. */
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let credential: string | null = null;
let authFailureListener: ((error: ApiError) => void) | null = null;

/** The bearer credential of every request: an API key or an embed token. */
export function setCredential(value: string | null): void {
  credential = value;
}

/** Called when a request answers UNAUTHENTICATED (key revoked, link expired). */
export function onAuthFailure(listener: ((error: ApiError) => void) | null): void {
  authFailureListener = listener;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Sends one generated operation; its result and variables types come from the document. */
export async function gql<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: NoInfer<TVariables>,
  options: { signal?: AbortSignal; credential?: string | null } = {},
): Promise<TResult> {
  const bearer = options.credential === undefined ? credential : options.credential;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(
      'The service could not be reached. Check the connection and try again.',
      'NETWORK',
    );
  }
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const unavailable = response.status === 503;
  let body: { data?: TResult | null; errors?: GraphQLErrorBody[] } & RestErrorBody;
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(
      unavailable
        ? UNAVAILABLE_MESSAGE
        : `The service answered HTTP ${response.status} without a readable body.`,
      unavailable ? 'SERVICE_UNAVAILABLE' : `HTTP_${response.status}`,
      undefined,
      undefined,
      requestId,
    );
  }
  const first = body.errors?.[0];
  const code =
    first?.extensions?.code ?? body.error ?? (response.ok ? 'ERROR' : `HTTP_${response.status}`);
  if (first || !body.data) {
    const error = new ApiError(
      unavailable || code === 'SERVICE_UNAVAILABLE'
        ? UNAVAILABLE_MESSAGE
        : (first?.message ??
            body.message ??
            `The service answered HTTP ${response.status} without data.`),
      unavailable ? 'SERVICE_UNAVAILABLE' : code,
      first?.extensions?.argumentName,
      first?.extensions?.problems,
      first?.extensions?.requestId ?? body.requestId ?? requestId,
    );
    if (error.code === 'UNAUTHENTICATED' && bearer === credential && authFailureListener) {
      authFailureListener(error);
    }
    throw error;
  }
  return body.data;
}
