import { Plugin } from '@nestjs/apollo';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import {
  GraphQLError,
  GraphQLSchema,
  Kind,
  TypeInfo,
  getNamedType,
  getVariableValues,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { nulProblem, printableName } from '../common/input-text';
import { dateTimeProblem } from './date-time.scalar';

/** Variables nested deeper than any input type of the schema are refused, not walked. */
const MAX_VARIABLE_DEPTH = 32;

export interface ArgumentProblem {
  /** The argument (or variable, when no argument uses it) holding the bad value. */
  argument: string;
  /** Path to the bad string, e.g. `filter.conditions[0].equals`. */
  path: string;
  message: string;
}

/** The first bad string (or object key) in a variable's JSON value, walked iteratively. */
function variableProblem(value: unknown, path: string): { path: string; message: string } | null {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path, depth: 0 },
  ];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item.value === 'string') {
      const problem = nulProblem(item.value);
      if (problem) return { path: item.path, message: problem };
    } else if (typeof item.value === 'object' && item.value !== null) {
      if (item.depth >= MAX_VARIABLE_DEPTH) {
        return { path: item.path, message: `must not be nested ${MAX_VARIABLE_DEPTH} levels deep` };
      }
      if (Array.isArray(item.value)) {
        item.value.forEach((child, index) =>
          pending.push({ value: child, path: `${item.path}[${index}]`, depth: item.depth + 1 }),
        );
      } else {
        for (const [name, child] of Object.entries(item.value)) {
          const where = `${item.path}.${printableName(name)}`;
          const problem = nulProblem(name);
          if (problem) return { path: where, message: `names ${problem}` };
          pending.push({ value: child, path: where, depth: item.depth + 1 });
        }
      }
    }
  }
  return null;
}

function literalProblem(
  node: ValueNode,
  path: string,
  variables: Record<string, unknown>,
  defaults: Map<string, ValueNode>,
): { path: string; message: string; variable?: string } | null {
  switch (node.kind) {
    case Kind.STRING: {
      const problem = nulProblem(node.value);
      return problem ? { path, message: problem } : null;
    }
    case Kind.LIST:
      for (const [index, item] of node.values.entries()) {
        const problem = literalProblem(item, `${path}[${index}]`, variables, defaults);
        if (problem) return problem;
      }
      return null;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const problem = literalProblem(
          field.value,
          `${path}.${field.name.value}`,
          variables,
          defaults,
        );
        if (problem) return problem;
      }
      return null;
    case Kind.VARIABLE: {
      const name = node.name.value;
      const problem =
        name in variables
          ? variableProblem(variables[name], path)
          : defaults.has(name)
            ? literalProblem(defaults.get(name)!, path, {}, new Map())
            : null;
      return problem ? { ...problem, variable: name } : null;
    }
    default:
      return null;
  }
}

/**
 * The first string argument value of the operation, given inline or through a variable, that
 * PostgreSQL text could not hold (a NUL character), named by argument and path.
 */
/** The first argument each variable of the document is passed to. */
export function variableArguments(document: DocumentNode): Map<string, string> {
  const found = new Map<string, string>();
  visit(document, {
    Argument(argument) {
      visit(argument.value, {
        Variable(variable) {
          if (!found.has(variable.name.value)) found.set(variable.name.value, argument.name.value);
        },
      });
      return false;
    },
  });
  return found;
}

export function findArgumentProblem(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): ArgumentProblem | null {
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue)
      defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  let found: ArgumentProblem | null = null;
  const roots = [
    operation,
    ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION),
  ];
  for (const root of roots) {
    visit(root, {
      Argument(node) {
        if (found) return false;
        const problem = literalProblem(node.value, node.name.value, variables, defaults);
        if (problem) {
          found = {
            argument: node.name.value,
            path: problem.path,
            message: problem.variable
              ? `${problem.message} (in variable $${problem.variable})`
              : problem.message,
          };
        }
        return false;
      },
    });
    if (found) return found;
  }
  // Variables no argument uses reach nothing, but are refused alike rather than ignored.
  const used = variableArguments(document);
  for (const [name, value] of Object.entries(variables)) {
    if (used.has(name)) continue;
    const problem = variableProblem(value, `$${name}`);
    if (problem) return { argument: `$${name}`, path: problem.path, message: problem.message };
  }
  return null;
}

/**
 * The first DateTime written inline that the scalar let through as an invalid Date (see
 * StrictDateTimeScalar), named by the argument holding it.
 */
export function findDateTimeLiteralProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
): ArgumentProblem | null {
  const typeInfo = new TypeInfo(schema);
  let found: ArgumentProblem | null = null;
  let argument: string | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: {
        enter(node) {
          argument = node.name.value;
        },
        leave() {
          argument = null;
        },
      },
      StringValue(node) {
        const type = typeInfo.getInputType();
        if (found || !argument || !type || getNamedType(type).name !== 'DateTime') return;
        const problem = dateTimeProblem(node.value);
        if (problem) found = { argument, path: argument, message: `DateTime ${problem}` };
      },
    }),
  );
  return found;
}

/**
 * Refuses, before anything runs, an operation whose variables do not fit their types, with a
 * DateTime that does not exist, or holding a string PostgreSQL text and jsonb cannot hold (NUL)
 * in any argument or variable: HTTP 400, BAD_USER_INPUT naming the argument. Registered before the other
 * plugins, whose estimates coerce the variables too and would answer a bad one with a 500.
 */
@Plugin()
export class ArgumentValuesPlugin implements ApolloServerPlugin {
  async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
    return {
      async didResolveOperation({ request, document, operation, schema }) {
        if (!operation) return;
        const variables = request.variables ?? {};
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, {
          maxErrors: 1,
        });
        if (coerced.errors?.length) {
          const [error] = coerced.errors;
          const variable = /^Variable "\$([^"]+)"/.exec(error.message)?.[1];
          const argument = variable ? variableArguments(document).get(variable) : undefined;
          throw new GraphQLError(
            argument ? `Argument "${argument}": ${error.message}` : error.message,
            {
              nodes: error.nodes,
              extensions: {
                code: 'BAD_USER_INPUT',
                ...(argument ? { argumentName: argument } : {}),
                http: { status: 400 },
              },
            },
          );
        }
        const dateTime = findDateTimeLiteralProblem(schema, document);
        if (dateTime) {
          throw new GraphQLError(`Argument "${dateTime.argument}": ${dateTime.message}.`, {
            extensions: {
              code: 'BAD_USER_INPUT',
              argumentName: dateTime.argument,
              http: { status: 400 },
            },
          });
        }
        const problem = findArgumentProblem(document, operation, variables);
        if (!problem) return;
        throw new GraphQLError(
          `Argument "${problem.argument}": ${problem.path} ${problem.message}.`,
          {
            extensions: {
              code: 'BAD_USER_INPUT',
              argumentName: problem.argument,
              http: { status: 400 },
            },
          },
        );
      },
    };
  }
}
