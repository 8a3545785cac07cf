/**
 * Rules every stored string and JSON value follows, whatever path it came by: PostgreSQL text
 * and jsonb cannot hold the NUL character, `__proto__` cannot be read back as a plain property
 * by JavaScript clients, and nested values are bounded so that serialising them cannot exhaust
 * the stack.
 */

/** Property names that are refused rather than silently dropped by object assignment. */
export const RESERVED_PROPERTY_NAMES: ReadonlySet<string> = new Set(['__proto__']);

/** Why `text` cannot be stored, or null when it can. */
export function nulProblem(text: string): string | null {
  const at = text.indexOf('\u0000');
  return at < 0
    ? null
    : `must not contain the NUL character (\\u0000, at position ${at}): text cannot hold it`;
}

export function reservedNameProblem(name: string): string | null {
  return RESERVED_PROPERTY_NAMES.has(name)
    ? `the property name "${name}" is reserved and not accepted; rename the property`
    : null;
}

export interface JsonBounds {
  /** Deepest nesting of objects and arrays (the value itself counts as level 1). */
  maxDepth: number;
  /** Names plus array items over the whole value. */
  maxEntries: number;
  maxNameLength: number;
}

export interface JsonProblem {
  /** Path of the offending part, starting with the `path` given. */
  field: string;
  message: string;
}

/** A name as it can be shown in a field path or message (NUL written as \u0000). */
export function printableName(name: string): string {
  return name.split('\u0000').join('\\u0000');
}

const isContainer = (value: unknown): value is object =>
  typeof value === 'object' && value !== null;

/**
 * The first reason a parsed JSON value cannot be stored, or null. Walks iteratively, so a value
 * nested 50,000 deep is refused instead of overflowing the stack.
 */
export function jsonValueProblem(
  value: unknown,
  path: string,
  bounds: JsonBounds,
): JsonProblem | null {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path, depth: 1 },
  ];
  let entries = 0;
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item.value === 'string') {
      const problem = nulProblem(item.value);
      if (problem) return { field: item.path, message: problem };
      continue;
    }
    if (typeof item.value === 'number' && !Number.isFinite(item.value)) {
      return { field: item.path, message: 'numbers must be finite' };
    }
    if (!isContainer(item.value)) continue;
    if (item.depth > bounds.maxDepth) {
      return {
        field: path,
        message: `must not nest objects and lists more than ${bounds.maxDepth} levels deep`,
      };
    }
    const children: Array<[string, unknown]> = Array.isArray(item.value)
      ? item.value.map((child, index) => [`${item.path}[${index}]`, child])
      : Object.entries(item.value).map(([name, child]) => [
          `${item.path}.${printableName(name)}`,
          child,
        ]);
    entries += children.length;
    if (entries > bounds.maxEntries) {
      return {
        field: path,
        message: `must hold at most ${bounds.maxEntries} names and list items in all`,
      };
    }
    if (!Array.isArray(item.value)) {
      for (const name of Object.keys(item.value)) {
        const problem =
          nulProblem(name) ??
          reservedNameProblem(name) ??
          (name.length > bounds.maxNameLength
            ? `property names must be at most ${bounds.maxNameLength} characters`
            : null);
        if (problem) return { field: `${item.path}.${printableName(name)}`, message: problem };
      }
    }
    for (let index = children.length - 1; index >= 0; index--) {
      pending.push({ value: children[index][1], path: children[index][0], depth: item.depth + 1 });
    }
  }
  return null;
}
