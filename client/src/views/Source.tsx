import { ErrorNotice, Loading } from '../components/States';
import type { ViewContext } from '../context';
import { SourceDocument } from '../generated/graphql';
import { useQuery } from '../hooks';
import { ConnectionStep } from './source/ConnectionStep';
import { CsvImport } from './source/CsvImport';
import { EmailPropertyStep } from './source/EmailPropertyStep';
import { StatusStep } from './source/StatusStep';
import { SyncRuns } from './source/SyncRuns';

/** Delighted connection wizard, backfill progress, sync history and CSV import (ADMIN/ARCHITECT). */
export function Source({ ctx }: { ctx: ViewContext }) {
  const { env } = ctx;
  // Polled, so the backfill and each sync are seen as they run.
  const source = useQuery(SourceDocument, { env: env.id }, { pollMs: 2000 });

  const data = source.data?.environment;
  if (!data) {
    return source.error ? (
      <ErrorNotice error={source.error} onRetry={source.reload} />
    ) : (
      <Loading label="Loading the source…" />
    );
  }
  const delighted = data.delightedSource;
  return (
    <>
      <section class="card" aria-labelledby="source-title">
        <header class="card-header">
          <div>
            <h2 id="source-title">Delighted</h2>
            <p class="card-subtitle">
              Connect once; the backfill loads every past response, then syncs keep it current.
            </p>
          </div>
        </header>
        <ol class="wizard">
          <EmailPropertyStep
            environmentId={env.id}
            emailProperty={data.emailProperty}
            onSaved={source.reload}
          />
          <ConnectionStep
            environmentId={env.id}
            timezone={env.timezone}
            emailDone={data.emailProperty !== null}
            delighted={delighted}
            onConnected={source.reload}
          />
          <StatusStep
            environmentId={env.id}
            timezone={env.timezone}
            delighted={delighted}
            onChanged={source.reload}
          />
        </ol>
      </section>
      {delighted && <SyncRuns syncRuns={delighted.syncRuns} timezone={env.timezone} />}
      <CsvImport environmentId={env.id} onImported={source.reload} />
    </>
  );
}
