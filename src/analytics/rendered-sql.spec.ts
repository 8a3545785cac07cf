import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderedSqlFiles, renderedSqlProblems } from './rendered-sql';

describe('rendered analytics SQL', () => {
  it('is committed beside each repository and current (else run npm run sql:render)', () => {
    expect(renderedSqlProblems(__dirname)).toEqual([]);
  });

  it('names a stale, a missing and an orphaned file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'rendered-sql-'));
    try {
      const [first, second, ...rest] = renderedSqlFiles();
      for (const { path, text } of rest) {
        mkdirSync(join(directory, dirname(path)), { recursive: true });
        writeFileSync(join(directory, path), text);
      }
      mkdirSync(join(directory, dirname(first.path)), { recursive: true });
      writeFileSync(join(directory, first.path), first.text.replace('SELECT', 'select'));
      writeFileSync(join(directory, 'old.repository.sql'), '');
      expect(renderedSqlProblems(directory)).toEqual([
        `${first.path} is stale`,
        `${second.path} is missing`,
        'old.repository.sql is rendered by nothing (delete it)',
      ]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
