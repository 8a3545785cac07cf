import { bindNamed, type NamedSql } from '../../database/named-sql';
import type { ResponseScope } from './response-scope.sql';
import type { TimeWindow } from './slots';

/** One statement of a repository, built for example inputs so it can be read without a database. */
export interface SqlExample {
  /** The repository method that sends it, and which of its paths when it has several. */
  method: string;
  /** The example inputs, in words. */
  example: string;
  statement: NamedSql;
}

/** A parameter value as SQL would spell it (for reading, not for running). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

const WIDTH = 100;
const RULE = `-- ${'-'.repeat(WIDTH - 3)}`;

/** `text` as comment lines of at most WIDTH characters (longer words stay whole). */
function comment(text: string, hang = ''): string[] {
  const lines: string[] = [];
  let line = '--';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length > 2 && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `--${hang}`;
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

/**
 * The text of a rendered .sql file: a header saying where the statements come from, then each
 * statement under a comment naming its method, the example inputs and its parameters (with the
 * $n each becomes). Each statement is bound, so a placeholder without a value (or a value without
 * a placeholder) fails here as it would at run time.
 */
export function renderSqlFile(header: string, examples: readonly SqlExample[]): string {
  const sections = examples.map(({ method, example, statement }) => {
    bindNamed(statement.sql, statement.parameters);
    // Binding each name to itself lists the names in the order of the $n the driver receives.
    const byPosition = bindNamed(
      statement.sql,
      Object.fromEntries(Object.keys(statement.parameters).map((name) => [name, name])),
    ).values as string[];
    const width = `$${byPosition.length}`.length;
    const parameters = byPosition.map(
      (name, index) =>
        `--   ${`$${index + 1}`.padEnd(width)} :${name} = ${literal(statement.parameters[name])}`,
    );
    return [
      RULE,
      ...comment(method),
      ...comment(`Example: ${example}`, '         '),
      ...(parameters.length > 0 ? ['-- Parameters:', ...parameters] : []),
      RULE,
      `${statement.sql};`,
    ].join('\n');
  });
  return `${[comment(header).join('\n'), ...sections].join('\n\n')}\n`;
}

/** The scope of the examples: environment 1, all of it or only users on the pro plan. */
export function exampleScope(filtered: boolean): ResponseScope {
  return {
    environmentId: '1',
    conditions: filtered ? [{ property: 'plan', equals: 'pro' }] : [],
  };
}

/** `count` consecutive windows of `days` days from `from`. */
export function exampleWindows(from: string, days: number, count: number): TimeWindow[] {
  const start = new Date(from).getTime();
  const length = days * 86_400_000;
  return Array.from({ length: count }, (_, index) => ({
    from: new Date(start + index * length),
    to: new Date(start + (index + 1) * length),
  }));
}
