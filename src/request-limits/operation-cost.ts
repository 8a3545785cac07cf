import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { analyticsFieldCost, type CostContext } from '../analytics/cost/analytics-cost';

/** The analytics cost of an operation, with what it is made of. */
export interface OperationCost {
  total: number;
  /** Per field coordinate: how many times it is selected and what those selections cost. */
  fields: Array<{ coordinate: string; count: number; cost: number }>;
  /** Cost of the analytics selected under `Query.environments`, counted once per environment. */
  perListedEnvironment: number;
}

/**
 * Sums analytics field costs (analytics-cost.ts) over the operation, arguments and variables
 * resolved, fragments followed and @skip/@include honoured. A field selected under
 * `Query.environments` runs once per environment listed: `listedEnvironments` of them.
 */
export function operationCost(options: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  context: CostContext;
  listedEnvironments: number;
}): OperationCost {
  const fields = new Map<string, { count: number; cost: number }>();
  let perListedEnvironment = 0;
  const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    const coordinate = `${type.name}.${field.name}`;
    if (coordinate === 'Query.environments') {
      perListedEnvironment += childComplexity;
      return childComplexity * options.listedEnvironments;
    }
    const cost = analyticsFieldCost(coordinate, args, options.context);
    if (cost === null) return childComplexity;
    const entry = fields.get(coordinate) ?? { count: 0, cost: 0 };
    fields.set(coordinate, { count: entry.count + 1, cost: entry.cost + cost });
    return cost + childComplexity;
  };
  const total = getComplexity({
    schema: options.schema,
    query: options.document,
    operationName: options.operationName ?? undefined,
    variables: options.variables,
    estimators: [estimator],
    // The field count limit has bounded the walk already.
    maxQueryNodes: Number.MAX_SAFE_INTEGER,
  });
  return {
    total,
    fields: [...fields.entries()]
      .map(([coordinate, entry]) => ({ coordinate, ...entry }))
      .sort((a, b) => b.cost - a.cost),
    perListedEnvironment,
  };
}
