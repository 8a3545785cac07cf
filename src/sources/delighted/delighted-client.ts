import type {
  DelightedMetrics,
  DelightedSurveyResponse,
  DelightedSurveyResponsesQuery,
} from '../delighted-api/delighted-api.types';
import { fetch } from 'undici';
import {
  DelightedUrlError,
  literalHostRefusal,
  parseDelightedApiUrl,
} from '../../outbound/delighted-url';
import { NonPublicAddressError, outboundAgent } from '../../outbound/outbound-guard';
import { backoffDelayMs, retryAfterSeconds } from './retry-policy';

export type DelightedFailureKind =
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'malformed'
  | 'client'
  /** Not called: the URL or the address it resolved to is not allowed. */
  | 'refused';

/**
 * A failed call to the Delighted API, after retries where they apply. The message may be shown
 * to API callers: it names the origin at most and never carries the peer's body, credentials or
 * network error codes; `detail` says more, for logs only.
 */
export class DelightedApiError extends Error {
  constructor(
    readonly kind: DelightedFailureKind,
    message: string,
    readonly status?: number,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'DelightedApiError';
  }

  /** Worth another try: the same request may succeed later. */
  get transient(): boolean {
    return ['rate-limited', 'server', 'timeout', 'network', 'malformed'].includes(this.kind);
  }
}

export interface DelightedClientOptions {
  baseUrl: string;
  apiKey: string;
  /** DELIGHTED_ALLOW_PRIVATE_URLS: false refuses every non-public address (see outbound-address). */
  allowPrivateAddresses: boolean;
  timeoutMs: number;
  /** Retries of 5xx, timeouts, resets and malformed bodies. */
  maxRetries: number;
  retryBaseMs: number;
  maxRetryAfterSeconds: number;
  /** 429s are waited out (Retry-After) up to this many times per request. */
  maxRateLimitWaits?: number;
  onRetry?: (info: { attempt: number; delayMs: number; error: DelightedApiError }) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delighted's v1 API: Basic auth with the key as user name, JSON only, page-number paging. */
export class DelightedClient {
  constructor(private readonly options: DelightedClientOptions) {}

  /** One page of responses with `person` expanded; `[]` past the end. */
  async listResponses(
    query: DelightedSurveyResponsesQuery,
    signal?: AbortSignal,
  ): Promise<DelightedSurveyResponse[]> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined || name === 'expand') continue;
      params.set(name, String(value));
    }
    params.append('expand[]', 'person');
    const body = await this.request(`/survey_responses.json?${params}`, signal);
    if (!Array.isArray(body))
      throw new DelightedApiError('malformed', 'survey_responses.json did not return a list');
    return body as DelightedSurveyResponse[];
  }

  async metrics(query: { since?: number; until?: number } = {}): Promise<DelightedMetrics> {
    const params = new URLSearchParams();
    if (query.since !== undefined) params.set('since', String(query.since));
    if (query.until !== undefined) params.set('until', String(query.until));
    const body = (await this.request(`/metrics.json?${params}`)) as DelightedMetrics;
    if (typeof body !== 'object' || body === null || typeof body.response_count !== 'number') {
      throw new DelightedApiError('malformed', 'metrics.json did not return metrics');
    }
    return body;
  }

  /** Checks the key with the cheapest authenticated call; throws DelightedApiError. */
  async verifyKey(): Promise<void> {
    await this.listResponses({ per_page: 1, page: 1 });
  }

  private async request(pathAndQuery: string, signal?: AbortSignal): Promise<unknown> {
    const sleep = this.options.sleep ?? defaultSleep;
    const maxRateLimitWaits = this.options.maxRateLimitWaits ?? 100;
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      if (signal?.aborted) throw new DelightedApiError('client', 'The request was cancelled.');
      try {
        return await this.once(pathAndQuery, signal);
      } catch (error) {
        const failure =
          error instanceof DelightedApiError
            ? error
            : new DelightedApiError(
                'network',
                'The Delighted API request failed.',
                undefined,
                String(error),
              );
        if (!failure.transient) throw failure;
        let delayMs: number;
        if (failure.kind === 'rate-limited') {
          if (++rateLimitWaits > maxRateLimitWaits) throw failure;
          const header =
            (failure as DelightedApiError & { retryAfter?: string | null }).retryAfter ?? null;
          const seconds = retryAfterSeconds(header, this.options.maxRetryAfterSeconds);
          delayMs =
            seconds !== null
              ? seconds * 1000
              : backoffDelayMs(rateLimitWaits, this.options.retryBaseMs, this.options.random);
        } else {
          if (failures >= this.options.maxRetries) throw failure;
          delayMs = backoffDelayMs(failures, this.options.retryBaseMs, this.options.random);
          failures += 1;
        }
        this.options.onRetry?.({ attempt: failures + rateLimitWaits, delayMs, error: failure });
        await sleep(delayMs);
      }
    }
  }

  /** The origin when the base URL is allowed; otherwise a 'refused' error, before any traffic. */
  private target(): { url: string; origin: string } {
    let origin: string;
    try {
      origin = parseDelightedApiUrl(this.options.baseUrl, 'The Delighted API URL').origin;
    } catch (error) {
      // Sources stored before URLs were checked may carry credentials: never show the URL.
      throw new DelightedApiError('refused', (error as DelightedUrlError).message);
    }
    const reason = this.options.allowPrivateAddresses ? null : literalHostRefusal(origin);
    if (reason !== null) {
      throw new DelightedApiError(
        'refused',
        `The Delighted API at ${origin} was not called: it is not a public address.`,
        undefined,
        `${reason}; DELIGHTED_ALLOW_PRIVATE_URLS=true allows it`,
      );
    }
    return { url: this.options.baseUrl, origin };
  }

  private async once(pathAndQuery: string, signal?: AbortSignal): Promise<unknown> {
    const { url: base, origin } = this.target();
    const unreachable = (detail: string) =>
      new DelightedApiError(
        'network',
        `Could not reach the Delighted API at ${origin}.`,
        undefined,
        detail,
      );
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(`${base}${pathAndQuery}`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${this.options.apiKey}:`).toString('base64')}`,
          accept: 'application/json',
        },
        // A redirect could lead anywhere, past the address check of the URL.
        redirect: 'manual',
        dispatcher: outboundAgent(this.options.allowPrivateAddresses),
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs)])
          : AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const failure = error as Error & { cause?: Error & { code?: string } };
      // The caller gave up (another page failed): not a timeout, not worth a retry.
      if (signal?.aborted) throw new DelightedApiError('client', 'The request was cancelled.');
      if (failure.name === 'TimeoutError' || failure.name === 'AbortError') {
        throw new DelightedApiError(
          'timeout',
          `The Delighted API at ${origin} did not answer within ${this.options.timeoutMs} ms.`,
        );
      }
      if (failure.cause instanceof NonPublicAddressError) {
        // Shown like any unreachable host: which internal names resolve is not for callers.
        throw new DelightedApiError(
          'refused',
          `Could not reach the Delighted API at ${origin}.`,
          undefined,
          `${failure.cause.message}; DELIGHTED_ALLOW_PRIVATE_URLS=true allows it`,
        );
      }
      throw unreachable(failure.cause?.code ?? failure.cause?.message ?? failure.message);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const failure = error as Error;
      if (signal?.aborted) throw new DelightedApiError('client', 'The request was cancelled.');
      if (failure.name === 'TimeoutError' || failure.name === 'AbortError') {
        throw new DelightedApiError(
          'timeout',
          `The Delighted API at ${origin} did not answer within ${this.options.timeoutMs} ms.`,
        );
      }
      throw new DelightedApiError(
        'network',
        `The connection to the Delighted API at ${origin} broke while reading.`,
        undefined,
        failure.message,
      );
    }
    if (response.status === 401) {
      throw new DelightedApiError(
        'unauthorized',
        'The Delighted API rejected this key (401).',
        401,
      );
    }
    if (response.status === 403) {
      throw new DelightedApiError(
        'forbidden',
        'The Delighted API refused access (403): is the API on this plan?',
        403,
      );
    }
    if (response.status === 429) {
      const error = new DelightedApiError(
        'rate-limited',
        'Delighted rate limit (429).',
        429,
      ) as DelightedApiError & {
        retryAfter?: string | null;
      };
      error.retryAfter = response.headers.get('retry-after');
      throw error;
    }
    if (response.status >= 500) {
      throw new DelightedApiError(
        'server',
        `Delighted answered ${response.status}.`,
        response.status,
      );
    }
    if (response.status >= 300) {
      // The body is not repeated: whatever answered may not be Delighted.
      throw new DelightedApiError(
        'client',
        `Delighted answered ${response.status}.`,
        response.status,
        `${text.length} bytes`,
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new DelightedApiError(
        'malformed',
        `Delighted sent a body that is not JSON (${text.length} bytes).`,
        response.status,
      );
    }
  }
}
