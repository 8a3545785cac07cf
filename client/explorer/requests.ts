import type { GraphiQLProps } from 'graphiql';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { withCredentials } from './credentials';

type Fetcher = GraphiQLProps['fetcher'];

/**
 * The published schema, built from its SDL: docs and completion work while introspection is off
 * (GRAPHQL_INTROSPECTION), and the explorer never sends an introspection query.
 */
export async function loadSchema(): Promise<GraphQLSchema> {
  const response = await fetch('/graphql/schema.graphql', withCredentials({}));
  if (!response.ok) {
    throw new Error(`GET /graphql/schema.graphql answered ${response.status}.`);
  }
  return buildSchema(await response.text());
}

/** GraphiQL's requests: JSON POSTs to /graphql (so CSRF prevention lets them through). */
export const fetcher: Fetcher = async (params) => {
  const response = await fetch(
    '/graphql',
    withCredentials({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(params),
    }),
  );
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's or the request limits' answer that is not GraphQL: show it as an error.
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
  }
};

/** The role of the stored key, or the service's reason for refusing it. */
export async function checkKey(): Promise<{ role: string } | { refusal: string }> {
  const answer = (await fetcher({ query: '{ viewer { role } }', operationName: null }, {})) as {
    data?: { viewer?: { role: string } } | null;
    errors?: Array<{ message: string }>;
  };
  const role = answer.data?.viewer?.role;
  return role ? { role } : { refusal: answer.errors?.[0]?.message ?? 'The key was refused.' };
}
