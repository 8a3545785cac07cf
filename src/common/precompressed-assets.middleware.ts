import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `/assets/<name>` from `assetsDir/<name>.gz` (written by the client build) to clients that
 * accept gzip. Asset names carry a content hash, so they are cached for a year; anything else
 * falls through to the static files.
 */
export function precompressedAssets(assetsDir: string) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      !request.path.startsWith('/assets/')
    ) {
      next();
      return;
    }
    const name = normalize(request.path.slice('/assets/'.length));
    if (name.startsWith('..')) {
      next();
      return;
    }
    const plain = join(assetsDir, name);
    const compressed = `${plain}.gz`;
    const contentType = CONTENT_TYPES[extname(name)];
    if (existsSync(plain)) {
      response.setHeader('Vary', 'Accept-Encoding');
      response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    }
    if (!contentType || !request.acceptsEncodings('gzip') || !existsSync(compressed)) {
      next();
      return;
    }
    response.setHeader('Content-Type', contentType);
    response.setHeader('Content-Encoding', 'gzip');
    response.sendFile(compressed);
  };
}
