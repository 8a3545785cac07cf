import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Transform, TransformCallback, pipeline } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AppError } from './app-error';

/** The media type of a request without parameters, lower-cased ('' when there is none). */
export function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Whether the client waits for "100 Continue" before it sends the body. */
export function expectsContinue(request: IncomingMessage): boolean {
  return /^\s*100-continue\s*$/i.test(request.headers.expect ?? '');
}

/**
 * For an answer sent before the body was received: close the connection after it instead of
 * keeping it alive, which would make Node read (and drop) the rest of the upload first.
 */
export function closeIfBodyUnread(request: IncomingMessage, response: ServerResponse): void {
  if (!request.complete && !response.headersSent) response.setHeader('Connection', 'close');
}

/** Passes bytes through until more than `limit` have gone by, then fails with `tooLarge`. */
class ByteLimit extends Transform {
  private seen = 0;

  constructor(
    private readonly limit: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(this.tooLarge());
    else done(null, chunk);
  }
}

function decompressor(encoding: string): Transform | null {
  switch (encoding) {
    case 'identity':
      return null;
    case 'gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Encoding "${encoding}" is not supported; send the body as is, gzip, deflate or br.`,
      );
  }
}

/**
 * The request body as a stream, decompressed, failing with `tooLarge` once more than `limit`
 * bytes were sent or decoded (a declared Content-Length over it fails at once, before any byte is
 * read). The request itself is never destroyed, so an answer can still reach the client.
 */
export function boundedBody(
  request: IncomingMessage,
  limit: number,
  tooLarge: () => Error,
): Readable {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const decoder = decompressor(
    (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase(),
  );
  const sent = new ByteLimit(limit, tooLarge);
  const body = decoder ? new ByteLimit(limit, tooLarge) : sent;
  if (decoder) pipeline(sent, decoder, body, () => undefined);
  const aborted = () => {
    if (!request.complete)
      sent.destroy(AppError.badInput('The connection closed before the whole body arrived.'));
  };
  request.once('error', aborted);
  request.once('close', aborted);
  request.pipe(sent);
  return body;
}

/** All of a stream, as one buffer (the stream bounds its own size). */
export async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
