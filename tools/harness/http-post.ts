import { type Agent, request } from 'node:http';

/** The answer to one POST, with the client-side wall time of the whole exchange. */
export interface PostAnswer {
  status: number;
  text: string;
  ms: number;
}

/**
 * A JSON POST with a bearer key over plain node:http: unlike fetch, no headers timeout cuts a
 * long call (a whole sync) short, and `agent` can keep one connection alive between calls.
 */
export function postJson(
  target: { baseUrl: string; agent?: Agent },
  path: string,
  key: string,
  body: string | Buffer,
): Promise<PostAnswer> {
  const { hostname, port } = new URL(target.baseUrl);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const call = request(
      {
        agent: target.agent,
        hostname,
        port,
        path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${key}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}
