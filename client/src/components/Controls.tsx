import { useMemo } from 'preact/hooks';
import {
  type Controls,
  PRESETS,
  type Preset,
  type ResolvedRange,
  boundedRange,
  defaultInterval,
} from '../range';
import { timeZones } from '../time';
import type { Dedupe, Interval } from '../generated/graphql';

const INTERVALS: Array<{ value: Interval; label: string }> = [
  { value: 'DAY', label: 'Day' },
  { value: 'WEEK', label: 'Week (ISO)' },
  { value: 'MONTH', label: 'Month' },
  { value: 'QUARTER', label: 'Quarter' },
  { value: 'YEAR', label: 'Year' },
];

/** Range presets, custom dates, interval, time zone and dedupe, shared by the views. */
export function ControlsBar({
  controls,
  onChange,
  range,
  environmentTimezone,
  show = { interval: true, dedupe: true },
}: {
  controls: Controls;
  onChange: (next: Controls) => void;
  range: ResolvedRange;
  environmentTimezone: string;
  show?: { interval?: boolean; dedupe?: boolean };
}) {
  const zones = useMemo(() => timeZones([environmentTimezone]), [environmentTimezone]);
  const setPreset = (preset: Preset) => {
    const next = { ...controls, preset };
    const bounded = boundedRange(next);
    const days =
      bounded && 'from' in bounded
        ? Math.round((bounded.to.getTime() - bounded.from.getTime()) / 86_400_000)
        : null;
    onChange({ ...next, interval: defaultInterval(preset, days) });
  };
  return (
    <div class="controls" role="group" aria-label="Range and options">
      <fieldset class="control presets">
        <legend>Range</legend>
        <div class="segmented">
          {PRESETS.map((preset) => (
            <button
              key={preset.value}
              type="button"
              aria-pressed={controls.preset === preset.value}
              aria-label={preset.long}
              data-preset={preset.value}
              onClick={() => setPreset(preset.value)}
            >
              {preset.label}
            </button>
          ))}
        </div>
      </fieldset>
      {controls.preset === 'custom' && (
        <div class="control custom-range">
          <label>
            <span>From</span>
            <input
              type="date"
              name="customFrom"
              value={controls.customFrom}
              onChange={(event) => onChange({ ...controls, customFrom: event.currentTarget.value })}
            />
          </label>
          <label>
            <span>To (included)</span>
            <input
              type="date"
              name="customTo"
              value={controls.customTo}
              onChange={(event) => onChange({ ...controls, customTo: event.currentTarget.value })}
            />
          </label>
        </div>
      )}
      {show.interval && (
        <div class="control">
          <label for="ctl-interval">Interval</label>
          <select
            id="ctl-interval"
            name="interval"
            value={controls.interval}
            onChange={(event) =>
              onChange({ ...controls, interval: event.currentTarget.value as Interval })
            }
          >
            {INTERVALS.map((interval) => (
              <option key={interval.value} value={interval.value}>
                {interval.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="control">
        <label for="ctl-timezone">Time zone</label>
        <select
          id="ctl-timezone"
          name="timezone"
          value={controls.timezone}
          onChange={(event) => onChange({ ...controls, timezone: event.currentTarget.value })}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone === environmentTimezone ? `${zone} (environment)` : zone}
            </option>
          ))}
        </select>
      </div>
      {show.dedupe && (
        <div class="control">
          <label for="ctl-dedupe">Count</label>
          <select
            id="ctl-dedupe"
            name="dedupe"
            value={controls.dedupe}
            onChange={(event) =>
              onChange({ ...controls, dedupe: event.currentTarget.value as Dedupe })
            }
          >
            <option value="ALL_RESPONSES">All responses</option>
            <option value="LATEST_PER_PERSON">Latest per person</option>
          </select>
        </div>
      )}
      <p class="range-label" data-testid="range-label">
        {range.error ? <span class="error-text">{range.error}</span> : range.label}
        <span class="muted"> · {controls.timezone}</span>
      </p>
    </div>
  );
}
