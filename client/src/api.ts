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
  extensions?: { code?: string; argumentName?: string; problems?: Problem[] };
}

export class ApiError extends Error {
  constructor(
    message: string,
    /** extensions.code (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, TIMEOUT, …) or NETWORK. */
    readonly code: string,
    readonly argumentName?: string,
    readonly problems?: Problem[],
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
  let body: { data?: TResult | null; errors?: GraphQLErrorBody[] };
  try {
    body = await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(
      `The service answered HTTP ${response.status} without a readable body.`,
      `HTTP_${response.status}`,
    );
  }
  if (body.errors && body.errors.length > 0) {
    const first = body.errors[0];
    const error = new ApiError(
      first.message,
      first.extensions?.code ?? 'ERROR',
      first.extensions?.argumentName,
      first.extensions?.problems,
    );
    if (error.code === 'UNAUTHENTICATED' && bearer === credential && authFailureListener) {
      authFailureListener(error);
    }
    throw error;
  }
  if (!body.data) throw new ApiError('The service answered without data.', 'ERROR');
  return body.data;
}
