import { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLFormattedError } from 'graphql';
import { AppConfig } from '../config/app-config';
import { currentRequestId } from '../logging/request-context';
import { StrictDateTimeScalar } from './date-time.scalar';
import { JsonScalar } from './json.scalar';
import { isTokenLimitError } from './query-shape';

/** Apollo settings: code-first schema in memory (schema.gql is written by `npm run schema:write`). */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  return {
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    playground: false,
    // Apollo's CSRF prevention (its default, stated): a GET or a form-type POST (text/plain,
    // urlencoded, multipart) without a preflight-forcing header is refused before it runs, so a
    // page on another site cannot use the session cookie.
    csrfPrevention: true,
    // Off in production unless GRAPHQL_INTROSPECTION=true; the dashboard never introspects.
    introspection: config.graphqlIntrospection,
    // Bounds parsing (and all that follows) before any limit of QueryLimitsPlugin can look.
    parseOptions: { maxTokens: config.graphqlMaxTokens },
    resolvers: { JSON: JsonScalar },
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: StrictDateTimeScalar }] },
    // Field resolvers (Environment.users, …) throw AppErrors too: map them like root fields.
    fieldResolverEnhancers: ['filters'],
    includeStacktraceInErrorResponses: config.isDevelopment,
    // Keep the HTTP status an execution error asks for (extensions.http: 503 with Retry-After
    // while the database is unreachable); @nestjs/apollo would reset it to 200.
    preserveHttpStatusForExecutionErrors: false,
    context: ({ req }: { req: unknown }) => ({ req }),
    formatError: (formatted: GraphQLFormattedError): GraphQLFormattedError => {
      const code = formatted.extensions?.code;
      if (code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitError(formatted.message)) {
        return {
          message: `The operation has more than ${config.graphqlMaxTokens} tokens (GRAPHQL_MAX_TOKENS); ask for fewer fields or aliases, or split it into several requests.`,
          extensions: { code: 'BAD_USER_INPUT', maxTokens: config.graphqlMaxTokens },
        };
      }
      if (code === 'INTERNAL_SERVER_ERROR' && !config.isDevelopment) {
        return {
          message: `Internal server error; quote request id ${currentRequestId() ?? 'unknown'} when reporting it.`,
          path: formatted.path,
          extensions: { code },
        };
      }
      return formatted;
    },
  };
}
