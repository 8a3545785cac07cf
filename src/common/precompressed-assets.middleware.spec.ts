import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { precompressedAssets } from './precompressed-assets.middleware';

describe('precompressedAssets', () => {
  const source = 'export const answer = 42;\n'.repeat(50);
  let root: string;
  let app: express.Express;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'nps-assets-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'index-abc123.js'), source);
    writeFileSync(join(root, 'assets', 'index-abc123.js.gz'), gzipSync(source));
    writeFileSync(join(root, 'assets', 'logo-def.png'), 'not really a png');
    writeFileSync(join(root, 'secret.txt'), 'outside the assets');
    app = express();
    app.use(precompressedAssets(join(root, 'assets')));
    app.use(express.static(root));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('sends the gzip copy, typed as JavaScript and cached for a year, to clients that accept gzip', async () => {
    const response = await request(app)
      .get('/assets/index-abc123.js')
      .set('Accept-Encoding', 'gzip, deflate, br');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['vary']).toBe('Accept-Encoding');
    expect(response.text).toBe(source);
  });

  it('lets the static files answer clients that do not accept gzip, and files without a copy', async () => {
    const plain = await request(app)
      .get('/assets/index-abc123.js')
      .set('Accept-Encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(source);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const image = await request(app).get('/assets/logo-def.png').set('Accept-Encoding', 'gzip');
    expect(image.status).toBe(200);
    expect(image.headers['content-encoding']).toBeUndefined();
  });

  it('neither caches nor escapes: missing assets and paths out of the folder are not its business', async () => {
    const missing = await request(app).get('/assets/nothing.js').set('Accept-Encoding', 'gzip');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control'] ?? '').not.toContain('immutable');
    const escape = await request(app)
      .get('/assets/%2e%2e/secret.txt')
      .set('Accept-Encoding', 'gzip');
    expect(escape.headers['content-encoding']).toBeUndefined();
  });
});
