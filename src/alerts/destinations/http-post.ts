import { request } from 'undici';
import { NonPublicAddressError, outboundAgent } from '../../outbound/outbound-guard';
import { AttemptVerdict, retryAfterSeconds, verdictOfStatus } from '../outbox/retry-schedule';
import { destinationUrlProblem, originOf } from './destination-url';

/** What one attempt at a destination showed. `error` never holds the URL's path or a secret. */
export interface AttemptResult {
  verdict: AttemptVerdict;
  status: number | null;
  error: string | null;
  retryAfterSeconds: number | null;
}

export interface PostOptions {
  allowPrivateUrls: boolean;
  timeoutMs: number;
}

/**
 * POSTs a JSON body through the outbound guard (src/outbound): the URL is checked again (scheme,
 * IP literals), host names resolve to public addresses only unless ALERTS_ALLOW_PRIVATE_URLS,
 * redirects are not followed, and the whole request is bounded by `timeoutMs`.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<AttemptResult> {
  const problem = destinationUrlProblem(url, options.allowPrivateUrls);
  if (problem !== null) return stop(`The URL ${problem}.`);
  const origin = originOf(url);
  try {
    const response = await request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'nps-analytics-alerts',
        ...headers,
      },
      body,
      dispatcher: outboundAgent(options.allowPrivateUrls),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // Read (and bound) the answer so the connection can be reused; only its start is kept.
    const text = (await response.body.text()).slice(0, 200);
    const verdict = verdictOfStatus(response.statusCode);
    const retryAfter = response.headers['retry-after'];
    return {
      verdict,
      status: response.statusCode,
      error:
        verdict === 'delivered'
          ? null
          : `${origin} answered ${response.statusCode}${text.trim() ? `: ${text.trim().replace(/\s+/g, ' ').slice(0, 120)}` : ''}`,
      retryAfterSeconds:
        verdict === 'retry'
          ? retryAfterSeconds(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, new Date())
          : null,
    };
  } catch (error) {
    const failure = error as Error & { code?: string; cause?: Error & { code?: string } };
    const refused = [failure, failure.cause].find((item) => item instanceof NonPublicAddressError);
    if (refused)
      return stop(
        `${origin} resolves to a ${(refused as NonPublicAddressError).reason} address, which alerts do not call (ALERTS_ALLOW_PRIVATE_URLS=true allows it).`,
      );
    const code = failure.code ?? failure.cause?.code ?? failure.name;
    if (/TIMEOUT|TimeoutError|AbortError/i.test(code))
      return retry(`${origin} did not answer within ${options.timeoutMs} ms`);
    return retry(`Could not reach ${origin} (${code})`);
  }
}

function stop(error: string): AttemptResult {
  return { verdict: 'stop', status: null, error, retryAfterSeconds: null };
}

function retry(error: string): AttemptResult {
  return { verdict: 'retry', status: null, error, retryAfterSeconds: null };
}
