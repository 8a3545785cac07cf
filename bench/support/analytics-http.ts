import { Agent } from 'node:http';
import { postJson } from '../../tools/harness/http-post';

/** A GraphQL answer with the client-side wall time of the whole HTTP exchange. */
export interface TimedAnswer<T> {
  ms: number;
  status: number;
  data: T | null;
  errors: Array<{ message: string; extensions?: { code?: string } }>;
}

/** GraphQL (and plain JSON POSTs) over one keep-alive connection to the service. */
export interface GraphqlClient {
  query<T>(
    key: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<TimedAnswer<T>>;
  /** Like `query`, but throws unless the answer is 200 with data and no errors. */
  data<T>(key: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): void;
}

export function createGraphqlClient(baseUrl: string): GraphqlClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (path: string, key: string, body: string) =>
    postJson({ baseUrl, agent }, path, key, body);

  const client: GraphqlClient = {
    async query<T>(key: string, query: string, variables: Record<string, unknown> = {}) {
      const { status, text, ms } = await post(
        '/graphql',
        key,
        JSON.stringify({ query, variables }),
      );
      let parsed: { data?: T | null; errors?: TimedAnswer<T>['errors'] };
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`GraphQL HTTP ${status}: ${text.slice(0, 500)}`);
      }
      return { ms, status, data: parsed.data ?? null, errors: parsed.errors ?? [] };
    },
    async data<T>(key: string, query: string, variables: Record<string, unknown> = {}) {
      const answer = await client.query<T>(key, query, variables);
      if (answer.status !== 200 || answer.errors.length > 0 || !answer.data) {
        throw new Error(
          `GraphQL HTTP ${answer.status}: ${JSON.stringify(answer.errors).slice(0, 1000)}`,
        );
      }
      return answer.data;
    },
    close: () => agent.destroy(),
  };
  return client;
}
