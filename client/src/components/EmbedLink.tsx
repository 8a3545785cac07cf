import { useRef, useState } from 'preact/hooks';
import { useDismiss, useMutation } from '../hooks';
import { formatDateTime } from '../format';
import { filterVariable } from '../range';
import {
  CreateEmbedLinkDocument,
  type EmbedView,
  type UserPropertyCondition,
} from '../generated/graphql';

/**
 * ADMIN/ARCHITECT: mint a signed, expiring link that shows this view with the current filter
 * locked. The shell keys it by view and filter, so a link minted elsewhere is never shown here.
 */
export function EmbedLinkButton({
  environmentId,
  view,
  viewLabel,
  filter,
  timezone,
}: {
  environmentId: string;
  view: EmbedView;
  viewLabel: string;
  filter: UserPropertyCondition[];
  timezone: string;
}) {
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState('10');
  const [copied, setCopied] = useState(false);
  const create = useMutation(CreateEmbedLinkDocument);
  const container = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useDismiss(open, () => setOpen(false), container, toggle);
  const link = create.data?.createEmbedLink;
  const absolute = link ? new URL(link.url, window.location.origin).toString() : '';
  const snippet = link
    ? `<iframe src="${absolute}" title="NPS" width="100%" height="720" style="border:0"></iframe>`
    : '';
  return (
    <div class="embed-link" ref={container}>
      <button
        ref={toggle}
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
              A read-only link to the {viewLabel} view
              {filter.length ? ' with the current filter locked' : ''}.
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
