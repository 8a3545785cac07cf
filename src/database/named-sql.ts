/**
 * Named parameters for hand-written SQL. A statement is written once, readable as it runs, with
 * `:name` placeholders; `bindNamed` turns it into the driver's `$n` form. A name used twice binds
 * once. `::type` casts, quoted strings, quoted identifiers and comments are left alone.
 */

export interface BoundStatement {
  /** SQL with `$1 … $n` placeholders, as node-postgres expects. */
  text: string;
  values: unknown[];
}

export type SqlParameters = Readonly<Record<string, unknown>>;

/** SQL text with `:name` placeholders and the values they take, before binding. */
export interface NamedSql {
  sql: string;
  parameters: SqlParameters;
}

// A comment, a quoted string, a quoted identifier, a `::` cast, or a `:name` placeholder.
const TOKEN =
  /--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|::|:([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Binds `parameters` to the `:name` placeholders of `sql`. Throws when a placeholder has no value
 * or a value no placeholder, so a typo fails loudly instead of binding the wrong thing.
 */
export function bindNamed(sql: string, parameters: SqlParameters): BoundStatement {
  const positions = new Map<string, number>();
  const values: unknown[] = [];
  const text = sql.replace(TOKEN, (token, name: string | undefined) => {
    if (name === undefined) return token;
    if (!Object.prototype.hasOwnProperty.call(parameters, name)) {
      throw new Error(`SQL parameter :${name} has no value`);
    }
    let position = positions.get(name);
    if (position === undefined) {
      values.push(parameters[name]);
      position = values.length;
      positions.set(name, position);
    }
    return `$${position}`;
  });
  const unused = Object.keys(parameters).filter((name) => !positions.has(name));
  if (unused.length > 0) {
    throw new Error(
      `SQL parameters without a placeholder: ${unused.map((n) => `:${n}`).join(', ')}`,
    );
  }
  return { text, values };
}
