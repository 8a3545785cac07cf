/**
 * Writes the rendered SQL of every analytics repository beside it (`npm run sql:render`), or
 * with --check fails naming each .sql file that is missing, stale or rendered by nothing
 * (`npm run sql:check`, run by CI).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderedSqlFiles, renderedSqlProblems } from '../src/analytics/rendered-sql';

const ANALYTICS = join(__dirname, '..', 'src', 'analytics');

function main(): void {
  if (process.argv.includes('--check')) {
    const problems = renderedSqlProblems(ANALYTICS);
    if (problems.length > 0) {
      for (const problem of problems) console.error(`src/analytics/${problem}`);
      console.error('Run `npm run sql:render` and commit the result.');
      process.exit(1);
    }
    console.log('Rendered analytics SQL is current.');
    return;
  }
  for (const { path, text } of renderedSqlFiles()) {
    writeFileSync(join(ANALYTICS, path), text);
    console.log(`wrote src/analytics/${path}`);
  }
}

main();
