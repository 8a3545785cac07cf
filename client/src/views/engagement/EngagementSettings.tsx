import { useState } from 'preact/hooks';
import { Loading } from '../../components/States';
import { formatCount } from '../../format';
import type { EventTypesQuery } from '../../generated/graphql';
import type { QueryState } from '../../hooks';
import { wholeNumberParam } from '../../share-params';

export interface EngagementSettings {
  /** Custom tier thresholds; null for automatic tiers (quartiles of the range, the default). */
  thresholds: number[] | null;
  windowDays: number;
  eventTypes: string[];
}

export const ENGAGEMENT_DEFAULTS: EngagementSettings = {
  thresholds: null,
  windowDays: 30,
  eventTypes: [],
};

/** What a custom threshold field starts from. */
const CUSTOM_EXAMPLE = [1, 5, 20];

export function parseThresholds(text: string): number[] | string {
  const parts = text
    .split(/[,\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'Give at least one threshold, e.g. 1, 5, 20.';
  const values = parts.map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1))
    return 'Thresholds are whole numbers of events, 1 or more.';
  if (values.some((value, index) => index > 0 && value <= values[index - 1]))
    return 'Thresholds must be ascending, e.g. 1, 5, 20.';
  return values;
}

/**
 * The applied settings a link names (`tiers=1,5,20&window=30&events=…`; no `tiers` for automatic
 * tiers), else the defaults.
 */
export function engagementFromParams(settings: URLSearchParams): EngagementSettings {
  const tiers = settings.get('tiers');
  const thresholds = tiers === null ? null : parseThresholds(tiers);
  return {
    thresholds: typeof thresholds === 'string' ? null : thresholds,
    windowDays: wholeNumberParam(settings.get('window'), 1, 365) ?? ENGAGEMENT_DEFAULTS.windowDays,
    eventTypes: settings.getAll('events'),
  };
}

export function engagementToParams(applied: EngagementSettings) {
  return {
    tiers: applied.thresholds ? applied.thresholds.join(',') : null,
    window:
      applied.windowDays === ENGAGEMENT_DEFAULTS.windowDays ? null : String(applied.windowDays),
    events: applied.eventTypes,
  };
}

/** The tier thresholds, the window and the events counted; Apply hands them on. */
export function EngagementSettingsForm({
  applied,
  eventTypes,
  onApply,
}: {
  /** What is applied now, which the fields start from. */
  applied: EngagementSettings;
  eventTypes: QueryState<EventTypesQuery>;
  onApply: (next: EngagementSettings) => void;
}) {
  const [automatic, setAutomatic] = useState(applied.thresholds === null);
  const [thresholdText, setThresholdText] = useState(
    (applied.thresholds ?? CUSTOM_EXAMPLE).join(', '),
  );
  const [windowText, setWindowText] = useState(String(applied.windowDays));
  const [selectedTypes, setSelectedTypes] = useState<string[]>(applied.eventTypes);
  const [problem, setProblem] = useState<string | null>(null);
  const types = eventTypes.data?.environment?.eventTypes.filter(
    (type) => type.name !== 'Submit Survey',
  );

  const apply = (event: Event) => {
    event.preventDefault();
    const thresholds = automatic ? null : parseThresholds(thresholdText);
    if (typeof thresholds === 'string') return setProblem(thresholds);
    const windowDays = Number(windowText);
    if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 365)
      return setProblem('The window is a whole number of days from 1 to 365.');
    setProblem(null);
    onApply({ thresholds, windowDays, eventTypes: selectedTypes });
  };

  return (
    <form class="card settings" onSubmit={apply} aria-labelledby="engagement-settings">
      <h2 id="engagement-settings" class="settings-title">
        Engagement tiers
      </h2>
      <div class="settings-grid">
        <label class="control">
          <span>Tiers</span>
          <select
            name="tierMode"
            value={automatic ? 'automatic' : 'custom'}
            onChange={(event) => setAutomatic(event.currentTarget.value === 'automatic')}
          >
            <option value="automatic">Automatic (quartiles)</option>
            <option value="custom">Custom thresholds</option>
          </select>
          <small class="muted">
            Automatic: about a quarter of the range's matched responses in each tier.
          </small>
        </label>
        {!automatic && (
          <label class="control">
            <span>Tier thresholds (events)</span>
            <input
              name="thresholds"
              value={thresholdText}
              inputMode="numeric"
              aria-describedby="threshold-help"
              onInput={(event) => setThresholdText(event.currentTarget.value)}
            />
            <small id="threshold-help" class="muted">
              Ascending; 1, 5, 20 gives tiers 0, 1–4, 5–19, 20+.
            </small>
          </label>
        )}
        <label class="control">
          <span>Window before each response (days)</span>
          <input
            name="windowDays"
            type="number"
            min={1}
            max={365}
            value={windowText}
            onInput={(event) => setWindowText(event.currentTarget.value)}
          />
        </label>
        <details class="control event-picker">
          <summary>
            Events counted:{' '}
            {selectedTypes.length ? `${selectedTypes.length} selected` : 'all but Submit Survey'}
          </summary>
          {types ? (
            <fieldset>
              <legend class="visually-hidden">Event types counted</legend>
              {types.map((type) => (
                <label key={type.name} class="check">
                  <input
                    type="checkbox"
                    checked={selectedTypes.includes(type.name)}
                    onChange={(event) =>
                      setSelectedTypes(
                        event.currentTarget.checked
                          ? [...selectedTypes, type.name]
                          : selectedTypes.filter((name) => name !== type.name),
                      )
                    }
                  />
                  {type.name} <span class="muted">({formatCount(type.count)})</span>
                </label>
              ))}
            </fieldset>
          ) : eventTypes.error ? (
            <p class="muted">Event types are not available: {eventTypes.error.message}</p>
          ) : (
            <Loading />
          )}
        </details>
        <div class="control control-submit">
          <button type="submit" class="button">
            Apply
          </button>
        </div>
      </div>
      {problem && (
        <p class="error-text" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
