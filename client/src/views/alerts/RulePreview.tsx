import { formatDateTime, formatPoints } from '../../format';
import type { AlertPreviewQuery } from '../../generated/graphql';
import { windowText } from './alert-text';

type Preview = NonNullable<AlertPreviewQuery['environment']>['alertPreview'];

/** What the rule would have fired over the last 90 days, evaluated daily as it will be. */
export function RulePreview({ preview, timezone }: { preview: Preview; timezone: string }) {
  return (
    <div class="alert-preview" role="status" data-testid="alert-preview">
      <p>
        <strong>
          {preview.alerts === 0
            ? 'Would not have fired'
            : `Would have sent ${preview.alerts} alert${preview.alerts === 1 ? '' : 's'}`}
        </strong>{' '}
        in the last 90 days ({preview.evaluations} daily evaluations).
      </p>
      {preview.firings.length > 0 && (
        <ul class="plain-list">
          {preview.firings.map((firing) => (
            <li key={firing.at}>
              {formatDateTime(firing.at, timezone)}: {formatPoints(firing.change.difference)} points
              — {windowText(firing.current)} vs {windowText(firing.baseline)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
