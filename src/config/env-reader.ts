type Env = Record<string, string | undefined>;

/**
 * Reads variables from one environment and collects every problem instead of stopping at the
 * first, so a boot names all bad variables at once. Setting groups (mail, alerts, sign-in) take
 * a reader and add their own problems.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value; undefined when unset or blank. */
  text(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    this.problems.push(`${name}="${raw}" must be true or false (or 1 or 0)`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name}="${raw}" must be one of ${allowed.join(', ')}`);
    return fallback;
  }

  /** A secret of at least `minLength` characters; its value is never echoed in a problem. */
  secret(name: string, minLength: number): string | null {
    const value = this.text(name) ?? null;
    if (value !== null && value.length < minLength)
      this.problems.push(`${name} must be at least ${minLength} characters`);
    return value;
  }

  refuse(problem: string): void {
    this.problems.push(problem);
  }
}
