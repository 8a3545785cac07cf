import type { SavedRule } from './RuleForm';
import { newSecrets } from './rule-draft';

/**
 * "Saved", with the signing secret of each WEBHOOK destination the save created, shown only now
 * (kept webhooks keep theirs, which are not shown again).
 */
export function SavedNotice({
  saved,
  verb,
  onDismiss,
}: {
  saved: SavedRule;
  verb: 'Created' | 'Saved';
  onDismiss: () => void;
}) {
  const secrets = newSecrets(saved.destinations);
  return (
    <section class="card saved-notice" aria-label="Saved rule" data-testid="saved-notice">
      <p class="success-text" role="status">
        {verb} “{saved.name}”.
        {secrets.length > 0 &&
          (secrets.length === 1
            ? ' Its new webhook signs with this secret, shown only now:'
            : ' Its new webhooks sign with these secrets, shown only now:')}
      </p>
      {secrets.length > 0 && (
        <ul class="plain-list secret-list" data-testid="signing-secrets">
          {secrets.map((item) => (
            <li key={item.id} data-testid="signing-secret" data-url={item.url}>
              <span class="small">
                Destination {item.position}, <span class="badge">WEBHOOK</span> {item.url}:
              </span>{' '}
              <code>{item.secret}</code>
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="button button-quiet" onClick={onDismiss}>
        {secrets.length > 0 ? 'Done' : 'Dismiss'}
      </button>
    </section>
  );
}
