import { AppError } from '../common/app-error';

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

/**
 * SQL for the conditions on `alias.properties`, appending parameters to `params` (which already
 * holds the statement's earlier parameters). Returns `TRUE` when there is nothing to filter.
 */
export function userFilterSql(
  conditions: readonly UserPropertyCondition[],
  alias: string,
  params: unknown[],
): string {
  const parts = conditions.map((condition) => {
    params.push(condition.property);
    const name = `$${params.length}`;
    if (condition.exists !== null && condition.exists !== undefined) {
      return condition.exists
        ? `(${alias}.properties ? ${name})`
        : `NOT (${alias}.properties ? ${name})`;
    }
    if (condition.in) {
      params.push(condition.in);
      return `(${alias}.properties ->> ${name}) = ANY($${params.length}::text[])`;
    }
    params.push(condition.equals);
    return `(${alias}.properties ->> ${name}) = $${params.length}::text`;
  });
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}
