import { useState } from 'preact/hooks';
import { useMutation } from '../hooks';
import { formatDateTime } from '../format';
import { filterVariable } from '../range';
import {
  CreateEmbedLinkDocument,
  type EmbedView,
  type UserPropertyCondition,
} from '../generated/graphql';

/** ADMIN/ARCHITECT: mint a signed, expiring link that shows this view with the current filter locked. */
export function EmbedLinkButton({
  environmentId,
  view,
  filter,
  timezone,
}: {
  environmentId: string;
  view: EmbedView;
  filter: UserPropertyCondition[];
  timezone: string;
}) {
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState('10');
  const [copied, setCopied] = useState(false);
  const create = useMutation(CreateEmbedLinkDocument);
  const link = create.data?.createEmbedLink;
  const absolute = link ? new URL(link.url, window.location.origin).toString() : '';
  const snippet = link
    ? `<iframe src="${absolute}" title="NPS" width="100%" height="720" style="border:0"></iframe>`
    : '';
  return (
    <div class="embed-link">
      <button
        type="button"
        class="button button-quiet"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Embed…
      </button>
      {open && (
        <div class="popover card" role="dialog" aria-label="Create an embed link">
          <form
            class="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              setCopied(false);
              void create.run({
                env: environmentId,
                view,
                filter: filterVariable(filter),
                expiresInMinutes: Number(minutes) || null,
              });
            }}
          >
            <p class="small">
              A read-only link to this view{filter.length ? ' with the current filter locked' : ''}.
            </p>
            <label class="control">
              <span>Expires after (minutes)</span>
              <input
                type="number"
                min={1}
                name="expiresInMinutes"
                value={minutes}
                onInput={(event) => setMinutes(event.currentTarget.value)}
              />
            </label>
            <button type="submit" class="button" disabled={create.running}>
              Create link
            </button>
          </form>
          {create.error && (
            <p class="error-text" role="alert">
              {create.error.message}
            </p>
          )}
          {link && (
            <div class="embed-result">
              <label class="control">
                <span>Link (expires {formatDateTime(link.expiresAt, timezone)})</span>
                <input
                  readOnly
                  value={absolute}
                  onFocus={(event) => event.currentTarget.select()}
                />
              </label>
              <label class="control">
                <span>Embed code</span>
                <textarea readOnly rows={3} value={snippet} />
              </label>
              <button
                type="button"
                class="button button-quiet"
                onClick={() => {
                  void navigator.clipboard?.writeText(snippet).then(() => setCopied(true));
                }}
              >
                {copied ? 'Copied' : 'Copy embed code'}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
