import { useState } from 'preact/hooks';
import type { Problem } from '../../api';
import { DataTable } from '../../components/DataTable';
import { formatCount } from '../../format';
import { ImportCsvDocument, type ImportDelimiter } from '../../generated/graphql';
import { useMutation } from '../../hooks';

const DELIMITER_NAMES: Record<ImportDelimiter, string> = {
  COMMA: 'comma',
  SEMICOLON: 'semicolon',
  TAB: 'tab',
};

/** Import a Delighted CSV export: all or nothing, each bad row listed by line and column. */
export function CsvImport({
  environmentId,
  onImported,
}: {
  environmentId: string;
  onImported: () => void;
}) {
  const importer = useMutation(ImportCsvDocument);
  const [file, setFile] = useState<File | null>(null);

  const run = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    const csv = await file.text();
    if (await importer.run({ env: environmentId, csv })) onImported();
  };

  const result = importer.data?.importSurveyResponses;
  const problems = importer.error?.problems ?? [];
  return (
    <section class="card" aria-labelledby="import-title" data-testid="csv-import">
      <header class="card-header">
        <div>
          <h2 id="import-title">Import a CSV export</h2>
          <p class="card-subtitle">
            A Delighted CSV export (or a file with the same headers). A file with any bad row is
            rejected whole; each problem is listed by line and column.
          </p>
        </div>
      </header>
      <form class="inline-form" onSubmit={run}>
        <label class="control">
          <span>CSV file</span>
          <input
            type="file"
            name="csvFile"
            accept=".csv,text/csv"
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              importer.reset();
            }}
          />
        </label>
        <button type="submit" class="button" disabled={!file || importer.running}>
          {importer.running ? 'Importing…' : 'Import'}
        </button>
      </form>
      {result && (
        <p class="success-text" role="status" data-testid="import-result">
          Imported {formatCount(result.responses)} responses: {formatCount(result.inserted)} new,{' '}
          {formatCount(result.updated)} updated, {formatCount(result.unchanged)} unchanged;{' '}
          {formatCount(result.matched)} matched to users.
          {result.delimiter && ` Read as ${DELIMITER_NAMES[result.delimiter]}-separated.`}
        </p>
      )}
      {importer.error && (
        <div role="alert" data-testid="import-errors">
          <p class="error-text">{importer.error.message}</p>
          {problems.length > 0 && (
            <DataTable<Problem>
              caption="Problems in the file"
              rows={problems}
              rowKey={(problem, index) => `${problem.line ?? ''}|${problem.column ?? ''}|${index}`}
              columns={[
                {
                  key: 'line',
                  label: 'Line',
                  numeric: true,
                  render: (problem) => problem.line ?? '—',
                },
                { key: 'column', label: 'Column', render: (problem) => problem.column ?? '—' },
                { key: 'field', label: 'Field', render: (problem) => problem.field ?? '—' },
                { key: 'message', label: 'Problem', render: (problem) => problem.message },
              ]}
            />
          )}
        </div>
      )}
    </section>
  );
}
