import { useState } from 'preact/hooks';
import { formatDateTime } from '../../format';
import {
  type DelightedSourceStateFragment,
  type DelightedSourceStatus,
  DisconnectDelightedDocument,
  SyncDelightedDocument,
} from '../../generated/graphql';
import { useMutation } from '../../hooks';
import { BackfillProgress } from './BackfillProgress';
import { Step } from './Step';
import { SyncResult } from './SyncRuns';

const STATUS_TEXT: Record<DelightedSourceStatus, string> = {
  CONNECTED: 'Connected',
  WAITING_FOR_DATA: 'Waiting For Data',
  ERROR: 'Error',
  DISCONNECTED: 'Disconnected',
  DEMO_OFFLINE: 'Demo Source',
};

/** Step 3: the connected source's status and backfill, with Sync now and Disconnect. */
export function StatusStep({
  environmentId,
  timezone,
  delighted,
  onChanged,
}: {
  environmentId: string;
  timezone: string;
  delighted: DelightedSourceStateFragment | null;
  onChanged: () => void;
}) {
  const sync = useMutation(SyncDelightedDocument);
  const disconnect = useMutation(DisconnectDelightedDocument);
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const connected = delighted !== null && delighted.status !== 'DISCONNECTED';

  return (
    <Step
      number={3}
      title="Status"
      state={connected ? (delighted?.status === 'CONNECTED' ? 'done' : 'current') : 'waiting'}
    >
      {connected && delighted ? (
        <div class="status-panel">
          <p class="status-line">
            <span
              class={`status-badge status-${delighted.status.toLowerCase()}`}
              data-testid="source-status"
              data-status={delighted.status}
            >
              {STATUS_TEXT[delighted.status]}
            </span>
            {delighted.lastSyncAt && (
              <span class="muted small">
                Last sync {formatDateTime(delighted.lastSyncAt, timezone)}
              </span>
            )}
          </p>
          {delighted.notice && (
            <p class="source-notice" role="status" data-testid="source-notice">
              {delighted.notice}
            </p>
          )}
          {delighted.lastError && (
            <p class="error-text" role="alert" data-testid="source-error">
              {delighted.lastError}
            </p>
          )}
          <BackfillProgress backfill={delighted.backfill} timezone={timezone} />
          <div class="button-row">
            <button
              type="button"
              class="button"
              disabled={sync.running}
              onClick={async () => {
                if (await sync.run({ env: environmentId })) onChanged();
              }}
            >
              {sync.running ? 'Syncing…' : 'Sync now'}
            </button>
            {!confirmDisconnect ? (
              <button
                type="button"
                class="button button-danger-quiet"
                onClick={() => setConfirmDisconnect(true)}
              >
                Disconnect…
              </button>
            ) : (
              <span class="confirm" role="group" aria-label="Confirm disconnecting">
                Stop syncing and forget the key? Stored responses stay.{' '}
                <button
                  type="button"
                  class="button button-danger"
                  disabled={disconnect.running}
                  onClick={async () => {
                    if (await disconnect.run({ env: environmentId })) {
                      setConfirmDisconnect(false);
                      onChanged();
                    }
                  }}
                >
                  Disconnect
                </button>{' '}
                <button
                  type="button"
                  class="button button-quiet"
                  onClick={() => setConfirmDisconnect(false)}
                >
                  Cancel
                </button>
              </span>
            )}
          </div>
          {sync.data && <SyncResult run={sync.data.syncDelighted} />}
          {(sync.error ?? disconnect.error) && (
            <p class="error-text" role="alert">
              {(sync.error ?? disconnect.error)!.message}
            </p>
          )}
        </div>
      ) : (
        <p class="muted">Shows the backfill and syncs once the key is connected.</p>
      )}
    </Step>
  );
}
