import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { AppError } from '../../common/app-error';
import { boundedBody, mediaType, readAll } from '../../common/request-body';

/** A file to import: CSV as chunks (read as they come), or the API's JSON as one text. */
export type ImportContent = { csv: AsyncIterable<Buffer | string> | string } | { json: string };

/**
 * The REST import route, whose body the global parsers leave alone: it is read only once the
 * caller is authorised, as a stream bounded by MAX_IMPORT_BYTES. Express matches routes
 * case-insensitively and with an optional trailing slash, and so does this.
 */
const SURVEY_IMPORT_PATH = /^\/api\/environments\/[^/]+\/survey-responses\/import\/?$/i;

export function isSurveyImportRequest(request: IncomingMessage): boolean {
  return SURVEY_IMPORT_PATH.test((request.url ?? '').split('?')[0]);
}

/** 413 for an import over MAX_IMPORT_BYTES, whichever way it came. */
export function importTooLarge(maxBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The import is larger than the ${maxBytes} bytes allowed (MAX_IMPORT_BYTES); split the file and import the parts.`,
  );
}

const UNSUPPORTED =
  'Send the file as text/csv, application/json, or multipart/form-data with a "file" field.';

/**
 * The file of an import request: `text/csv` (or `text/plain`) streamed, `application/json` read
 * whole, or the `file` part of a multipart body (CSV, or JSON by its name or type). Every form
 * fails with 413 naming MAX_IMPORT_BYTES once the body grows past `maxBytes` (at once when its
 * Content-Length says so).
 */
export async function readImportUpload(
  request: IncomingMessage,
  maxBytes: number,
  /** Called once the headers are acceptable, before the body is read ("100 Continue"). */
  beforeRead: () => void = () => undefined,
): Promise<ImportContent> {
  const type = mediaType(request);
  const charset = /;\s*charset="?([^";]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
  if (charset && !/^(utf-?8|us-ascii)$/i.test(charset.trim())) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The charset "${charset}" is not supported; send the file as UTF-8.`,
    );
  }
  if (!['multipart/form-data', 'text/csv', 'text/plain', 'application/json'].includes(type))
    throw AppError.badInput(UNSUPPORTED);
  const body = boundedBody(request, maxBytes, () => importTooLarge(maxBytes));
  beforeRead();
  if (type === 'multipart/form-data') return multipartFile(request, body);
  if (type === 'application/json') return { json: (await readAll(body)).toString('utf8') };
  return { csv: body };
}

/** Resolves with the `file` part as soon as it starts; the rest of the body is read after it. */
function multipartFile(request: IncomingMessage, body: Readable): Promise<ImportContent> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: request.headers, limits: { parts: 20, fieldSize: 64 * 1024 } });
  } catch (error) {
    throw AppError.badInput(`The multipart body cannot be read: ${(error as Error).message}.`);
  }
  const refusal = (error: unknown) =>
    error instanceof AppError
      ? error
      : AppError.badInput(`The multipart body is malformed: ${(error as Error).message}.`);
  // Settles once the whole body is parsed: the file's end alone does not prove the body fits.
  const parsed = new Promise<void>((resolve, reject) => {
    parser.once('finish', resolve);
    parser.once('error', (error) => reject(refusal(error)));
  });
  parsed.catch(() => undefined);
  body.once('error', (error) => parser.destroy(error));
  return new Promise<ImportContent>((resolve, reject) => {
    let found = false;
    parser.on('file', (name, file, info) => {
      if (found || name !== 'file') {
        file.resume();
        return;
      }
      found = true;
      const chunks = fileThenRest(file, parsed);
      if (/json/i.test(info.mimeType) || /\.json$/i.test(info.filename ?? '')) {
        readAll(chunks).then((text) => resolve({ json: text.toString('utf8') }), reject);
      } else {
        resolve({ csv: chunks });
      }
    });
    parsed.then(
      () =>
        found || reject(AppError.badInput(`The multipart body has no "file" part. ${UNSUPPORTED}`)),
      reject,
    );
    body.pipe(parser);
  });
}

async function* fileThenRest(file: Readable, parsed: Promise<void>): AsyncGenerator<Buffer> {
  yield* file;
  await parsed;
}
