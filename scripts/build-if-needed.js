#!/usr/bin/env node
// Rebuilds dist/ when any source file is newer than the last build, so `npm start` always runs
// the code in the working tree without paying for a build when nothing changed.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const marker = join(root, 'dist', 'src', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['src', 'migrations', 'scripts', 'tools']
  .map((dir) => join(root, dir))
  .filter(existsSync);
const sourceTime = Math.max(
  ...sources.map(newestMtime),
  statSync(join(root, 'package.json')).mtimeMs,
);
if (!existsSync(marker) || statSync(marker).mtimeMs < sourceTime) {
  console.error('Building the service (sources changed since the last build)…');
  execSync('npx nest build', { cwd: root, stdio: 'inherit' });
}

// The dashboard is part of what `npm start` and the demo serve.
execSync(`node ${JSON.stringify(join(root, 'client', 'scripts', 'build-if-needed.mjs'))}`, {
  cwd: root,
  stdio: 'inherit',
});
