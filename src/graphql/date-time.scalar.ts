import { GraphQLISODateTime } from '@nestjs/graphql';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { calendarProblem, instantProblem } from '../common/calendar-date';

function parseDateTime(value: unknown): Date {
  if (typeof value === 'number' && Number.isFinite(value)) return checked(new Date(value), value);
  if (typeof value !== 'string') {
    throw new GraphQLError('DateTime must be an ISO 8601 string such as "2026-01-01T00:00:00Z".');
  }
  const impossible = calendarProblem(value);
  if (impossible) throw new GraphQLError(`DateTime "${value}": ${impossible}.`);
  return checked(new Date(value), value);
}

function checked(date: Date, value: unknown): Date {
  const problem = instantProblem(date);
  if (problem) {
    throw new GraphQLError(
      `DateTime ${JSON.stringify(value)} ${problem === 'is not a valid date' ? 'is not a date-time (ISO 8601, e.g. "2026-01-01T00:00:00Z")' : problem}.`,
    );
  }
  return date;
}

/**
 * Nest's DateTime with the same name, description and output, but inputs that `new Date` would
 * silently shift (2024-02-30 → 1 March) or cannot represent are refused; so are years outside
 * 1000–9999, as everywhere else in the service.
 */
export const StrictDateTimeScalar = new GraphQLScalarType({
  name: GraphQLISODateTime.name,
  description: GraphQLISODateTime.description,
  serialize: (value) => GraphQLISODateTime.serialize(value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDateTime(ast.value) : null),
});
