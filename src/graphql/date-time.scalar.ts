import { GraphQLISODateTime } from '@nestjs/graphql';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { calendarProblem, instantProblem } from '../common/calendar-date';

/** Why a DateTime input cannot be taken as written, or null. */
export function dateTimeProblem(value: unknown): string | null {
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
    return 'must be an ISO 8601 string such as "2026-01-01T00:00:00Z"';
  }
  const shown = JSON.stringify(value);
  const impossible = typeof value === 'string' ? calendarProblem(value) : null;
  if (impossible) return `${shown}: ${impossible}`;
  const problem = instantProblem(new Date(value));
  if (problem === 'is not a valid date') {
    return `${shown} is not a date-time (ISO 8601, e.g. "2026-01-01T00:00:00Z")`;
  }
  return problem ? `${shown} ${problem}` : null;
}

/**
 * Nest's DateTime with the same name, description and output, but inputs that `new Date` would
 * silently shift (2024-02-30 → 1 March) or cannot represent are refused; so are years outside
 * 1000–9999, as everywhere else in the service. A bad variable fails coercion (naming it); a bad
 * literal becomes an invalid Date rather than a validation error, so that ArgumentValuesPlugin
 * refuses it before execution naming its argument (BAD_USER_INPUT like every other input error).
 */
export const StrictDateTimeScalar = new GraphQLScalarType({
  name: GraphQLISODateTime.name,
  description: GraphQLISODateTime.description,
  serialize: (value) => GraphQLISODateTime.serialize(value),
  parseValue(value) {
    const problem = dateTimeProblem(value);
    if (problem) throw new GraphQLError(`DateTime ${problem}.`);
    return new Date(value as string | number);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) return null;
    return dateTimeProblem(ast.value) ? new Date(Number.NaN) : new Date(ast.value);
  },
});
