import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { explorerFiles } from './explorer-files';
import { EXPLORER_CSP, explorerPage } from './explorer-page';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8';
const PAGE = '<!doctype html><title>explorer</title><div id="explorer"></div>';

/** The middleware in front of a stand-in for Apollo that says it was reached. */
function appWith(page: string | null) {
  const app = express();
  app.get('/graphql', explorerPage(page));
  app.use('/graphql', (_request, response) => {
    response.status(299).send('apollo');
  });
  return app;
}

describe('explorerPage', () => {
  const app = appWith(PAGE);

  it.each([
    BROWSER,
    'text/html',
    'text/html, application/json',
    'application/json;q=0.5, text/html',
  ])('serves the page to Accept: %s, under a same-origin policy', async (accept) => {
    const response = await request(app).get('/graphql').set('Accept', accept);
    expect(response.status).toBe(200);
    expect(response.text).toBe(PAGE);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(EXPLORER_CSP);
    expect(response.headers['vary']).toBe('Accept');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['no Accept', undefined],
    ['*/*', '*/*'],
    ['application/json', 'application/json'],
    ['JSON before HTML', 'application/json, text/html'],
    ['graphql-response+json', 'application/graphql-response+json'],
    ['multipart/mixed (incremental delivery)', 'multipart/mixed'],
  ])('passes %s on to Apollo, marked as varying by Accept', async (_name, accept) => {
    let call = request(app).get('/graphql');
    if (accept) call = call.set('Accept', accept);
    const response = await call;
    expect(response.status).toBe(299);
    expect(response.text).toBe('apollo');
    expect(response.headers['vary']).toBe('Accept');
  });

  it('passes a browser GET with a query string on to Apollo', async () => {
    for (const path of ['/graphql?query=%7B__typename%7D', '/graphql?anything']) {
      const response = await request(app).get(path).set('Accept', BROWSER);
      expect(response.text).toBe('apollo');
    }
  });

  it('says how to build the explorer when it has not been built', async () => {
    const response = await request(appWith(null)).get('/graphql').set('Accept', BROWSER);
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(EXPLORER_CSP);
    expect(response.text).toContain('<code>npm run client:build</code> and restart the service');
    expect(response.text).toContain('/graphql/schema.graphql');
  });
});

describe('explorerFiles', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'nps-explorer-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('has no page before the client build and reads the built page at start-up', () => {
    expect(explorerFiles(root)).toEqual({ page: null, schemaFile: join(root, 'schema.gql') });
    mkdirSync(join(root, 'client', 'dist', 'explorer'), { recursive: true });
    writeFileSync(join(root, 'client', 'dist', 'explorer', 'index.html'), PAGE);
    expect(explorerFiles(root).page).toBe(PAGE);
  });
});
