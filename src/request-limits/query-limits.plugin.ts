import { Inject, Logger } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Plugin } from '@nestjs/apollo';
import {
  HeaderMap,
  type ApolloServerPlugin,
  type GraphQLRequestContextDidResolveOperation,
  type GraphQLRequestListener,
} from '@apollo/server';
import { GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { AuthenticatedRequest } from '../auth/current-principal.decorator';
import { credentialName, reachableEnvironments, type Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { EnvironmentsRepository } from '../store/environments.repository';
import { RollingCostBudget } from '../workload/cost-budget';
import { operationCost, type OperationCost } from './operation-cost';
import { fieldCount, isTokenLimitError, queryDepth } from '../graphql/query-shape';

type Context = { req?: AuthenticatedRequest };

const number = (value: number) => value.toLocaleString('en-US');

/** Input problems found before execution: coded, with the HTTP status Apollo should answer. */
function refusal(
  message: string,
  status: number,
  extensions: Record<string, unknown> = {},
  headers?: HeaderMap,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: status === 429 ? 'RATE_LIMITED' : 'BAD_USER_INPUT',
      ...extensions,
      http: { status, ...(headers ? { headers } : {}) },
    },
  });
}

/** "94 × npsTrend (6,522,566), 2 × npsSummary (3,652)": the costliest fields first. */
function costBreakdown(cost: OperationCost): string {
  return cost.fields
    .slice(0, 3)
    .map(
      (field) =>
        `${field.count} × ${field.coordinate.replace(/^Environment\./, '')} (${number(field.cost)})`,
    )
    .join(', ');
}

/**
 * Refuses, before anything runs (HTTP 400, the figures in the message, a warn log line),
 * operations that select too many fields, nest too deep, estimate too complex or would cost
 * more analytics work (analytics-cost.ts) than one request may spend; and (HTTP 429 with
 * Retry-After) those that would take their credential past its analytics budget for the
 * rolling minute. Documents are bounded at parse time by GRAPHQL_MAX_TOKENS (graphql-options).
 */
@Plugin()
export class QueryLimitsPlugin implements ApolloServerPlugin<Context> {
  private readonly logger = new Logger('QueryLimits');
  private readonly perMinute: RollingCostBudget;

  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly environments: EnvironmentsRepository,
  ) {
    this.perMinute = new RollingCostBudget(config.analyticsMaxCostPerMinute);
  }

  async requestDidStart(): Promise<GraphQLRequestListener<Context>> {
    let charged: { key: string; second: number; cost: number } | null = null;
    let executed = false;
    return {
      parsingDidStart: async () => async (error) => {
        if (error && isTokenLimitError(error.message)) {
          this.logger.warn({
            msg: 'GraphQL operation refused',
            limit: 'GRAPHQL_MAX_TOKENS',
            maxTokens: this.config.graphqlMaxTokens,
          });
        }
      },
      didResolveOperation: async (requestContext) => {
        charged = await this.check(requestContext);
      },
      executionDidStart: async () => {
        executed = true;
      },
      willSendResponse: async () => {
        // Charged, then refused by another plugin before running: nothing was spent.
        if (charged && !executed) this.perMinute.refund(charged.key, charged, charged.cost);
      },
    };
  }

  /** Throws the first limit the operation passes; returns the per-minute charge it made. */
  private async check(
    requestContext: GraphQLRequestContextDidResolveOperation<Context>,
  ): Promise<{ key: string; second: number; cost: number } | null> {
    const { request, document, contextValue } = requestContext;
    const principal = contextValue.req?.principal ?? null;
    const config = this.config;
    const refuse = (limit: string, message: string, figures: Record<string, unknown>) => {
      this.logger.warn({
        msg: 'GraphQL operation refused',
        limit,
        ...figures,
        operationName: requestContext.operationName,
        credential: principal ? credentialName(principal) : null,
      });
      return refusal(message, 400, figures);
    };

    const fields = fieldCount(document, request.operationName, config.graphqlMaxFields * 100);
    if (fields > config.graphqlMaxFields) {
      const shown =
        fields > config.graphqlMaxFields * 100
          ? `more than ${number(config.graphqlMaxFields * 100)}`
          : number(fields);
      throw refuse(
        'GRAPHQL_MAX_FIELDS',
        `The operation selects ${shown} fields (every alias and every use of a fragment counts); the limit is ${number(config.graphqlMaxFields)} (GRAPHQL_MAX_FIELDS). Ask for fewer aliases, or split the work into several requests.`,
        { fields, maxFields: config.graphqlMaxFields },
      );
    }
    const depth = queryDepth(document, request.operationName);
    if (depth > config.graphqlMaxDepth) {
      throw refuse(
        'GRAPHQL_MAX_DEPTH',
        `Query is nested ${depth} levels deep; the limit is ${config.graphqlMaxDepth} (GRAPHQL_MAX_DEPTH).`,
        { depth, maxDepth: config.graphqlMaxDepth },
      );
    }
    const complexity = inputChecked(() =>
      getComplexity({
        schema: this.schemaHost.schema,
        operationName: request.operationName,
        query: document,
        variables: request.variables,
        estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
        maxQueryNodes: Number.MAX_SAFE_INTEGER,
      }),
    );
    if (complexity > config.graphqlMaxComplexity) {
      throw refuse(
        'GRAPHQL_MAX_COMPLEXITY',
        `Query complexity ${number(complexity)} exceeds the limit of ${number(config.graphqlMaxComplexity)} (GRAPHQL_MAX_COMPLEXITY); ask for fewer items (smaller "first") or fewer nested lists.`,
        { complexity, maxComplexity: config.graphqlMaxComplexity },
      );
    }

    const cost = await this.analyticsCost(requestContext, principal);
    if (cost.total > config.analyticsMaxCostPerRequest) {
      throw refuse(
        'ANALYTICS_MAX_COST_PER_REQUEST',
        `This request would cost ${number(cost.total)} analytics units (${costBreakdown(cost)}); one request may spend ${number(config.analyticsMaxCostPerRequest)} (ANALYTICS_MAX_COST_PER_REQUEST). Ask for a shorter range, a coarser interval, a shorter windowDays or fewer aliases, or split it into several requests.`,
        { cost: cost.total, maxCost: config.analyticsMaxCostPerRequest },
      );
    }
    // Without a credential the analytics fields refuse to run: nothing to charge.
    if (cost.total === 0 || !principal) return null;
    const key = credentialName(principal);
    const charge = this.perMinute.charge(key, cost.total);
    if (charge.granted) return { key, second: charge.second, cost: cost.total };
    const figures = {
      cost: cost.total,
      spentThisMinute: charge.spent,
      maxCostPerMinute: this.perMinute.limit,
      retryAfterSeconds: charge.retryAfterSeconds,
    };
    this.logger.warn({
      msg: 'GraphQL operation refused',
      limit: 'ANALYTICS_MAX_COST_PER_MINUTE',
      ...figures,
      operationName: requestContext.operationName,
      credential: key,
    });
    throw refusal(
      `This request would cost ${number(cost.total)} analytics units, and ${key} has spent ${number(charge.spent)} of its ${number(this.perMinute.limit)} per minute (ANALYTICS_MAX_COST_PER_MINUTE); enough frees in ${charge.retryAfterSeconds} s. Retry then, or ask for less.`,
      429,
      figures,
      new HeaderMap([['retry-after', String(charge.retryAfterSeconds)]]),
    );
  }

  /** The operation's analytics cost; analytics under `environments` count once per environment. */
  private async analyticsCost(
    { request, document }: GraphQLRequestContextDidResolveOperation<Context>,
    principal: Principal | null,
  ): Promise<OperationCost> {
    const measure = () =>
      inputChecked(() =>
        operationCost({
          schema: this.schemaHost.schema,
          document,
          operationName: request.operationName,
          variables: request.variables,
          context: {
            now: new Date(),
            lockedFilter: (principal?.embed?.conditions.length ?? 0) > 0,
          },
          listedEnvironments: 1,
        }),
      );
    const cost = measure();
    // Only a global key, or a member of several environments, lists more than one.
    if (cost.perListedEnvironment === 0 || !principal) return cost;
    const reachable = reachableEnvironments(principal);
    if (reachable !== null && reachable.length <= 1) return cost;
    const listed = reachable === null ? await this.environments.count() : reachable.length;
    return { ...cost, total: cost.total + Math.max(0, listed - 1) * cost.perListedEnvironment };
  }
}

/** Variable and argument problems the estimators meet are the caller's: 400, not 500. */
function inputChecked<T>(estimate: () => T): T {
  try {
    return estimate();
  } catch (error) {
    if (error instanceof GraphQLError) {
      throw new GraphQLError(error.message, {
        nodes: error.nodes,
        extensions: { code: 'BAD_USER_INPUT', ...error.extensions, http: { status: 400 } },
      });
    }
    throw error;
  }
}
