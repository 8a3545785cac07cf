import { useState } from 'preact/hooks';
import {
  ConnectDelightedDocument,
  type DelightedSourceStateFragment,
} from '../../generated/graphql';
import { formatDateTime } from '../../format';
import { useMutation } from '../../hooks';
import { Step } from './Step';

/** Step 2: the Delighted API key (and, for the simulator, its URL); once connected, a summary. */
export function ConnectionStep({
  environmentId,
  timezone,
  emailDone,
  delighted,
  onConnected,
}: {
  environmentId: string;
  timezone: string;
  emailDone: boolean;
  delighted: DelightedSourceStateFragment | null;
  onConnected: () => void;
}) {
  const connect = useMutation(ConnectDelightedDocument);
  const [apiKey, setApiKey] = useState('');
  const [apiUrl, setApiUrl] = useState('');
  const connected = delighted !== null && delighted.status !== 'DISCONNECTED';

  const save = async (event: Event) => {
    event.preventDefault();
    if (!apiKey.trim()) return;
    const done = await connect.run({
      env: environmentId,
      apiKey: apiKey.trim(),
      apiUrl: apiUrl.trim() || null,
    });
    if (done) {
      setApiKey('');
      onConnected();
    }
  };

  return (
    <Step number={2} title="API key" state={connected ? 'done' : emailDone ? 'current' : 'waiting'}>
      {connected && delighted ? (
        <p data-testid="api-key-summary">
          Key ending <code>{delighted.apiKeyLast4}</code> at <code>{delighted.apiUrl}</code>,
          connected {formatDateTime(delighted.connectedAt, timezone)}.
        </p>
      ) : (
        <form class="inline-form" onSubmit={save}>
          {delighted?.status === 'DISCONNECTED' && (
            <p class="muted">Disconnected: stored responses stay. Connect again to resume.</p>
          )}
          <label class="control">
            <span>Delighted API key</span>
            <input
              name="apiKey"
              type="password"
              autoComplete="off"
              spellcheck={false}
              value={apiKey}
              required
              disabled={!emailDone}
              onInput={(event) => setApiKey(event.currentTarget.value)}
            />
          </label>
          <details class="advanced">
            <summary>Advanced: API URL</summary>
            <label class="control">
              <span>API URL (leave empty for Delighted; set it for the simulator)</span>
              <input
                name="apiUrl"
                type="url"
                placeholder="https://api.delighted.com"
                value={apiUrl}
                disabled={!emailDone}
                onInput={(event) => setApiUrl(event.currentTarget.value)}
              />
            </label>
          </details>
          <button type="submit" class="button" disabled={!emailDone || connect.running}>
            {connect.running ? 'Checking the key…' : 'Connect'}
          </button>
          {!emailDone && <p class="muted small">Choose the email property first.</p>}
          {connect.error && (
            <p class="error-text" role="alert">
              {connect.error.message}
            </p>
          )}
        </form>
      )}
    </Step>
  );
}
