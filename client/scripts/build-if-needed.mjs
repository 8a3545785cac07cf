// Builds client/dist when it is missing or older than the client's sources, so `npm start`, the
// demo and the browser tests always serve the dashboard and the GraphQL explorer in the work
// tree. Usage:
//   node client/scripts/build-if-needed.mjs
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const client = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(client, '..');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

const pages = [join(client, 'dist', 'index.html'), join(client, 'dist', 'explorer', 'index.html')];
const sources = Math.max(
  ...['src', 'explorer', 'index.html', 'vite.config.mts', 'tsconfig.json'].map((name) =>
    newestMtime(join(client, name)),
  ),
);
if (pages.some((page) => !existsSync(page) || statSync(page).mtimeMs < sources)) {
  console.error(
    'Building the dashboard and the explorer (client sources changed since the last build)…',
  );
  execSync('npm run client:build', { cwd: root, stdio: 'inherit' });
}
