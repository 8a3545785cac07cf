import {
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
  createServer,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** One request as the receiver got it. */
export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** When its body had arrived (Date.now()). */
  readonly receivedAt: number;
  /** The status it was answered with (null while held, or when the connection was dropped). */
  status: number | null;
}

/** An answer the receiver gives instead of 200. */
export interface PlannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /**
   * The next `count` requests (to `path` only, when given) get `answer` (e.g. 503, or 429 with
   * Retry-After).
   */
  failNext(count: number, answer: PlannedAnswer, path?: string): void;
  /** The next request is read and then left unanswered until `release` (a slow receiver). */
  holdNext(): void;
  /** Answers every held request with 200. */
  release(): void;
  /** Resolves once `count` requests have arrived in all (bounded by `timeoutMs`). */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/**
 * A local HTTP receiver for webhook and Slack deliveries, for tests and benchmarks: keeps every
 * request (or only counts them, with `keep: false`), answers 200 unless told to fail or hold.
 */
export async function startWebhookReceiver(
  options: { keep?: boolean } = {},
): Promise<WebhookReceiver> {
  const keep = options.keep ?? true;
  const requests: ReceivedRequest[] = [];
  const planned: Array<PlannedAnswer & { path?: string }> = [];
  const held: Array<{ response: ServerResponse; request: ReceivedRequest }> = [];
  const waiters: Array<() => void> = [];
  let holdCount = 0;
  let total = 0;
  const server: Server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const received: ReceivedRequest = {
        path: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
        status: null,
      };
      total += 1;
      if (keep) requests.push(received);
      else requests.push({ ...received, body: '' });
      waiters.splice(0).forEach((wake) => wake());
      if (holdCount > 0) {
        holdCount -= 1;
        held.push({ response, request: received });
        return;
      }
      const index = planned.findIndex(
        (plan) => plan.path === undefined || plan.path === received.path,
      );
      const answer = index >= 0 ? planned.splice(index, 1)[0] : { status: 200, body: 'ok' };
      received.status = answer.status;
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      response.end(answer.body ?? '');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, answer, path) {
      for (let i = 0; i < count; i++) planned.push({ ...answer, path });
    },
    holdNext() {
      holdCount += 1;
    },
    release() {
      for (const { response, request } of held.splice(0)) {
        request.status = 200;
        if (!response.destroyed) response.writeHead(200).end('ok');
      }
    },
    async waitForRequests(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (total < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} requests, the receiver got ${total}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return requests;
    },
    close() {
      for (const { response } of held.splice(0)) response.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
