import type { NextFunction, Request, Response } from 'express';

/**
 * The page's policy: nothing from another origin, no inline script. Styles may be inline because
 * Monaco (GraphiQL's editor) draws its lines with style attributes and writes its theme into
 * <style> elements at run time (a nonce cannot cover either); GraphiQL's fonts are data: URLs.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const UNBUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>NPS analytics: GraphQL explorer not built</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0}main{max-width:36rem;padding:2rem;line-height:1.5}</style></head>
<body><main role="alert"><h1>The GraphQL explorer has not been built</h1>
<p>Run <code>npm run client:build</code> and restart the service; it then serves the explorer here.</p>
<p>GraphQL works without it: <code>POST /graphql</code> with <code>Content-Type: application/json</code> and
<code>Authorization: Bearer &lt;api key&gt;</code>. The schema is at <a href="/graphql/schema.graphql">/graphql/schema.graphql</a>.</p>
</main></body></html>
`;

/** The media types Apollo answers; the explorer only when the browser prefers HTML to all of them. */
const GRAPHQL_TYPES = ['application/json', 'application/graphql-response+json', 'multipart/mixed'];

/** A browser opening /graphql: a GET without query string that prefers HTML to JSON. */
export function wantsExplorer(request: Request): boolean {
  return (
    request.method === 'GET' &&
    !request.originalUrl.includes('?') &&
    request.accepts([...GRAPHQL_TYPES, 'text/html']) === 'text/html'
  );
}

/**
 * GET /graphql: the explorer's page (or how to build it) for a browser; everything else goes on
 * to Apollo unchanged, CSRF prevention included.
 */
export function explorerPage(page: string | null) {
  return (request: Request, response: Response, next: NextFunction): void => {
    // The same URL answers HTML or JSON by Accept: caches must keep them apart.
    response.vary('Accept');
    if (!wantsExplorer(request)) {
      next();
      return;
    }
    response.setHeader('Content-Security-Policy', EXPLORER_CSP);
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-cache');
    response
      .status(page === null ? 503 : 200)
      .type('html')
      .send(page ?? UNBUILT_PAGE);
  };
}
