import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request values that log lines pick up without being passed around. */
export interface RequestContext {
  requestId: string;
  /** The caller's address (Express's request.ip, read when asked: trust proxy applies). */
  ip?: () => string | undefined;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** The address of the current request's caller, for the audit log and sign-in throttling. */
export function currentRequestIp(): string | null {
  return requestContext.getStore()?.ip?.() ?? null;
}
