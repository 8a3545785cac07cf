import { AppError } from '../common/app-error';
import type { NamedSql } from '../database/named-sql';

/** One condition on a user property: exactly one of equals, in, exists is given. */
export interface UserPropertyCondition {
  property: string;
  equals?: string | null;
  in?: string[] | null;
  exists?: boolean | null;
}

/** Conditions that must all hold (AND). */
export interface UserFilterConditions {
  conditions: UserPropertyCondition[];
}

const MAX_CONDITIONS = 20;
const MAX_IN_VALUES = 1000;

/** Checks a filter and returns its conditions; BAD_USER_INPUT names the offending condition. */
export function validateUserFilter(
  filter: UserFilterConditions | null | undefined,
  argument = 'filter',
): UserPropertyCondition[] {
  if (!filter) return [];
  const conditions = filter.conditions ?? [];
  if (conditions.length > MAX_CONDITIONS) {
    throw AppError.badInput(`${argument} may have at most ${MAX_CONDITIONS} conditions.`, argument);
  }
  conditions.forEach((condition, index) => {
    const where = `${argument}.conditions[${index}]`;
    if (!condition.property || condition.property.length >= 1024) {
      throw AppError.badInput(`${where}.property must be 1 to 1023 characters.`, argument);
    }
    const given = [condition.equals, condition.in, condition.exists].filter(
      (value) => value !== null && value !== undefined,
    ).length;
    if (given !== 1) {
      throw AppError.badInput(`${where} must give exactly one of equals, in or exists.`, argument);
    }
    if (condition.in && (condition.in.length === 0 || condition.in.length > MAX_IN_VALUES)) {
      throw AppError.badInput(`${where}.in must list 1 to ${MAX_IN_VALUES} values.`, argument);
    }
  });
  return conditions;
}

/** Writes the placeholder for one value of a condition (`role` says which) and returns it. */
type Placeholder = (value: unknown, index: number, role: 'property' | 'values' | 'value') => string;

/** The conditions on `alias.properties` with placeholders from `placeholder`; `TRUE` when none. */
function conditionsSql(
  conditions: readonly UserPropertyCondition[],
  alias: string,
  placeholder: Placeholder,
): string {
  const parts = conditions.map((condition, index) => {
    const name = placeholder(condition.property, index, 'property');
    if (condition.exists !== null && condition.exists !== undefined) {
      return condition.exists
        ? `(${alias}.properties ? ${name})`
        : `NOT (${alias}.properties ? ${name})`;
    }
    if (condition.in) {
      return `(${alias}.properties ->> ${name}) = ANY(${placeholder(condition.in, index, 'values')}::text[])`;
    }
    return `(${alias}.properties ->> ${name}) = ${placeholder(condition.equals, index, 'value')}::text`;
  });
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/**
 * SQL for the conditions on `alias.properties`, appending parameters to `params` (which already
 * holds the statement's earlier parameters). Returns `TRUE` when there is nothing to filter.
 */
export function userFilterSql(
  conditions: readonly UserPropertyCondition[],
  alias: string,
  params: unknown[],
): string {
  return conditionsSql(conditions, alias, (value) => {
    params.push(value);
    return `$${params.length}`;
  });
}

/**
 * The same conditions with named placeholders (`:filter1Property`, `:filter1Value`, … numbered
 * from 1 under `prefix`), for statements bound with `bindNamed`.
 */
export function userFilterNamedSql(
  conditions: readonly UserPropertyCondition[],
  alias: string,
  prefix = 'filter',
): NamedSql {
  const parameters: Record<string, unknown> = {};
  const roles = { property: 'Property', values: 'Values', value: 'Value' } as const;
  const sql = conditionsSql(conditions, alias, (value, index, role) => {
    const name = `${prefix}${index + 1}${roles[role]}`;
    parameters[name] = value;
    return `:${name}`;
  });
  return { sql, parameters };
}
