// Prints the gzipped size of the JavaScript the dashboard loads first (the entry module and the
// modules it preloads, as named in client/dist/index.html) and fails above the budget. The GraphQL
// explorer (client/dist/explorer/index.html, served at /graphql) is reported on its own: what its
// page loads first, and everything it can load later (Monaco's chunks and web workers).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1024;
const EXPLORER_BUDGET_BYTES = 2560 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipped = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

/** The scripts, preloads and stylesheets a built page names, as paths under dist. */
function pageAssets(page) {
  const html = readFileSync(join(dist, page), 'utf8');
  const scripts = new Set();
  for (const match of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) scripts.add(match[1]);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g))
    scripts.add(match[1]);
  const styles = new Set();
  for (const match of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+\.css)"/g))
    styles.add(match[1]);
  const strip = (paths) => [...paths].map((path) => path.replace(/^\//, ''));
  return { scripts: strip(scripts), styles: strip(styles) };
}

/** Every asset the given ones name (dynamic imports, workers, their CSS), transitively. */
function reachableAssets(start) {
  const seen = new Set(start);
  const pending = [...start];
  while (pending.length > 0) {
    const text = readFileSync(join(dist, pending.pop()), 'utf8');
    for (const match of text.matchAll(/[\w.-]+-[\w-]{8}\.(?:js|css)/g)) {
      const file = `assets/${match[0]}`;
      if (seen.has(file) || !existsSync(join(dist, file))) continue;
      seen.add(file);
      pending.push(file);
    }
  }
  return [...seen];
}

const dashboard = pageAssets('index.html');
if (dashboard.scripts.length === 0) {
  console.error('report-size: no script found in client/dist/index.html');
  process.exit(1);
}
let total = 0;
for (const file of dashboard.scripts) {
  const bytes = readFileSync(join(dist, file)).length;
  const size = gzipped(file);
  total += size;
  console.log(`  /${file}: ${kb(bytes)}, ${kb(size)} gzipped`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `Initial JavaScript: ${kb(total)} gzipped (${verdict} the ${BUDGET_BYTES / 1024} KB budget)`,
);

const explorer = pageAssets(join('explorer', 'index.html'));
if (explorer.scripts.length === 0) {
  console.error('report-size: no script found in client/dist/explorer/index.html');
  process.exit(1);
}
const first = [...explorer.scripts, ...explorer.styles];
const firstBytes = first.reduce((sum, file) => sum + gzipped(file), 0);
const later = reachableAssets(first).filter((file) => !first.includes(file));
const laterBytes = later.reduce((sum, file) => sum + gzipped(file), 0);
const workers = later.filter((file) => /\.worker-/.test(file));
const explorerTotal = firstBytes + laterBytes;
const explorerVerdict = explorerTotal <= EXPLORER_BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `GraphQL explorer (/graphql, not loaded by the dashboard): ${kb(firstBytes)} gzipped first ` +
    `(${first.length} files, JavaScript and CSS), ${kb(laterBytes)} more on demand (${later.length} ` +
    `files, ${workers.length} of them web workers); ${kb(explorerTotal)} in all (${explorerVerdict} ` +
    `its ${EXPLORER_BUDGET_BYTES / 1024} KB budget)`,
);
const shared = reachableAssets(dashboard.scripts).filter((file) =>
  reachableAssets(first).includes(file),
);
if (shared.length > 0) {
  console.error(`report-size: the dashboard loads explorer files: ${shared.join(', ')}`);
  process.exit(1);
}
if (total > BUDGET_BYTES || explorerTotal > EXPLORER_BUDGET_BYTES) process.exit(1);
