// Writes a gzip copy (`name.gz`) beside every JavaScript, CSS and SVG file of client/dist/assets,
// so the service sends the dashboard compressed without compressing on each request.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'assets');
let written = 0;
for (const name of readdirSync(assets)) {
  if (!/\.(js|css|svg)$/.test(name)) continue;
  writeFileSync(
    join(assets, `${name}.gz`),
    gzipSync(readFileSync(join(assets, name)), { level: 9 }),
  );
  written += 1;
}
console.log(`Precompressed ${written} asset(s) with gzip.`);
