/** @jsxImportSource react */
import { GraphiQL } from 'graphiql';
import type { GraphQLSchema } from 'graphql';
import { useEffect, useState } from 'react';
import { storeKey, storedKey } from './credentials';
import { KeyForm } from './key-form';
import { checkKey, fetcher, loadSchema } from './requests';

const DEFAULT_QUERY = `# Run with Ctrl-Enter (or the ▶ button). The Docs button lists every type.
{
  viewer {
    role
  }
  environments {
    id
    name
  }
}
`;

type Session =
  | { state: 'no-key'; notice: string | null }
  | { state: 'checking' }
  | { state: 'ready'; role: string };

/** The key gate, then GraphiQL on the published schema. */
export function ExplorerApp() {
  const [session, setSession] = useState<Session>(() =>
    storedKey() ? { state: 'checking' } : { state: 'no-key', notice: null },
  );
  const [schema, setSchema] = useState<GraphQLSchema | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (session.state !== 'checking') return;
    checkKey().then(
      (result) => {
        if ('role' in result) {
          setSession({ state: 'ready', role: result.role });
        } else {
          storeKey(null);
          setSession({ state: 'no-key', notice: result.refusal });
        }
      },
      (error: unknown) =>
        setSession({ state: 'no-key', notice: `The service did not answer: ${String(error)}` }),
    );
  }, [session]);

  useEffect(() => {
    if (session.state !== 'ready' || schema) return;
    loadSchema().then(setSchema, (error: unknown) =>
      setProblem(`The schema could not be loaded: ${(error as Error).message}`),
    );
  }, [session, schema]);

  if (session.state === 'no-key') {
    return (
      <KeyForm
        notice={session.notice}
        onSubmit={(key) => {
          storeKey(key);
          setSession({ state: 'checking' });
        }}
      />
    );
  }
  const forget = (
    <button
      type="button"
      className="explorer-forget"
      onClick={() => {
        storeKey(null);
        setSession({ state: 'no-key', notice: 'The key is forgotten in this tab.' });
      }}
    >
      Forget key
    </button>
  );
  if (session.state === 'checking' || !schema) {
    return (
      <main className="graphiql-container explorer-gate">
        <p role={problem ? 'alert' : 'status'}>{problem ?? 'Loading the schema…'}</p>
        {forget}
      </main>
    );
  }
  return (
    <GraphiQL
      fetcher={fetcher}
      schema={schema}
      defaultQuery={DEFAULT_QUERY}
      isHeadersEditorEnabled={false}
    >
      <GraphiQL.Logo>
        <span className="explorer-logo">
          NPS analytics
          <span className="explorer-role" data-testid="explorer-role">
            {session.role}
          </span>
          {forget}
        </span>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}
