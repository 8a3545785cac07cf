import { isDeepStrictEqual } from 'node:util';
import type { NamedSql, SqlParameters } from '../../database/named-sql';

/** What a statement may interpolate: a named fragment, or SQL text chosen by code (never input). */
export type SqlPart = NamedSql | string;

// Where the n-th interpolation goes while the literal is dedented (private-use characters, never in SQL).
const MARKER = /\uE000(\d+)\uE001/g;

/**
 * Adds `parameters` to those of `into`; a name given two different values throws, so two
 * fragments can share a placeholder (:environmentId) but never bind it to different things.
 */
function mergeInto(into: Record<string, unknown>, parameters: SqlParameters): void {
  for (const [name, value] of Object.entries(parameters)) {
    if (name in into && !isDeepStrictEqual(into[name], value)) {
      throw new Error(`SQL parameter :${name} is given two different values`);
    }
    into[name] = value;
  }
}

/** Removes the indentation common to the non-blank lines, and blank first and last lines. */
function dedent(text: string): string {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[0].trim() === '') lines.shift();
  if (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => line.length - line.trimStart().length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

/**
 * Template tag for named SQL. The literal is dedented; each interpolated fragment brings its
 * parameters along and, when it spans lines, continues at the column it starts at, so a
 * composed statement reads (and is sent) as if written in one piece. A line left empty by an
 * empty interpolation is dropped.
 */
export function sql(strings: TemplateStringsArray, ...parts: SqlPart[]): NamedSql {
  const parameters: Record<string, unknown> = {};
  const template = dedent(
    strings.reduce((text, string, index) => `${text}\uE000${index - 1}\uE001${string}`),
  );
  const lines = template.split('\n').flatMap((line) => {
    if (!line.includes('\uE000')) return [line.trimEnd()];
    let filled = '';
    let last = 0;
    for (const match of line.matchAll(MARKER)) {
      filled += line.slice(last, match.index);
      last = match.index + match[0].length;
      const part = parts[Number(match[1])];
      if (typeof part !== 'string') mergeInto(parameters, part.parameters);
      // Continuation lines start at the column the fragment starts at.
      const column = filled.length - filled.lastIndexOf('\n') - 1;
      filled += (typeof part === 'string' ? part : part.sql)
        .split('\n')
        .join(`\n${' '.repeat(column)}`);
    }
    filled += line.slice(last);
    return filled.trim() === '' ? [] : filled.split('\n').map((piece) => piece.trimEnd());
  });
  return { sql: lines.join('\n'), parameters };
}

/** `fragment` with `parameters` of its own (a name it already has must keep its value). */
export function withParameters(fragment: NamedSql, parameters: SqlParameters): NamedSql {
  const merged: Record<string, unknown> = { ...fragment.parameters };
  mergeInto(merged, parameters);
  return { sql: fragment.sql, parameters: merged };
}
