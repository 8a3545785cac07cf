import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../src/database/embedded-postgres';
import { BOOTSTRAP_KEY, startTestApp, type TestApp } from './support/test-app';

/**
 * The README's `sh` blocks, run in order in one bash session against a fresh service, so the
 * commands and queries a newcomer copies cannot drift from what the service does. Only the port
 * changes; `.data/admin-key` holds the service's admin key as on the embedded default. A `# →`
 * line is the expected output of the commands since the previous one, `…` matching anything.
 */
const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const DOCUMENTED_ORIGIN = 'http://localhost:3000';

interface Expectation {
  line: string;
  pattern: RegExp;
}

function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
}

/** The script with a marker echoed at each `# →` line, and what each marker expects. */
function instrument(blocks: string[], origin: string): { script: string; expected: Expectation[] } {
  const expected: Expectation[] = [];
  const lines: string[] = [];
  for (const line of blocks.join('\n').split('\n')) {
    const expectation = /^# → (.*)$/.exec(line);
    if (!expectation) {
      lines.push(line.replaceAll(DOCUMENTED_ORIGIN, origin).replaceAll('localhost:3000', origin));
      continue;
    }
    const text = expectation[1].replaceAll(DOCUMENTED_ORIGIN, origin);
    const pattern = new RegExp(
      `^${text
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    expected.push({ line: expectation[1], pattern });
    lines.push(`printf '\\n@@readme-expectation-${expected.length - 1}@@\\n'`);
  }
  return { script: `set -euo pipefail\n${lines.join('\n')}\n`, expected };
}

describe('the README', () => {
  let test: TestApp;
  let origin: string;

  beforeAll(async () => {
    const port = await findFreePort();
    origin = `http://127.0.0.1:${port}`;
    test = await startTestApp({ PUBLIC_URL: origin });
    await test.app.listen(port, '127.0.0.1');
  });
  afterAll(() => test.close());

  it('has walkthrough blocks with expected outputs to run', () => {
    const { expected } = instrument(shellBlocks(README), 'http://x');
    expect(shellBlocks(README).length).toBeGreaterThanOrEqual(2);
    expect(expected.length).toBeGreaterThanOrEqual(5);
  });

  it('runs every sh block as written, each answer as the README shows it', async () => {
    const { script, expected } = instrument(shellBlocks(README), origin);
    const folder = mkdtempSync(join(tmpdir(), 'nps-readme-'));
    mkdirSync(join(folder, '.data'));
    writeFileSync(join(folder, '.data', 'admin-key'), `${BOOTSTRAP_KEY}\n`);
    const { stdout, stderr, code } = await new Promise<{
      stdout: string;
      stderr: string;
      code: number;
    }>((resolve) =>
      execFile('bash', ['-c', script], { cwd: folder }, (error, out, err) =>
        resolve({ stdout: out, stderr: err, code: error ? Number(error.code ?? 1) : 0 }),
      ),
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const segments = stdout.split(/\n@@readme-expectation-\d+@@\n/);
    expect(segments).toHaveLength(expected.length + 1);
    expected.forEach(({ line, pattern }, index) => {
      const output = segments[index].trim();
      if (!pattern.test(output)) {
        throw new Error(`README expects\n  # → ${line}\nbut the commands printed\n  ${output}`);
      }
    });
    expect(stdout).not.toMatch(/"errors"/);
  });
});
