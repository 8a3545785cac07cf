import { ControlsBar } from '../components/Controls';
import { Empty, ErrorNotice, Loading, WaitingForData } from '../components/States';
import type { ViewContext } from '../context';
import { ComparisonDocument, CorrelationsDocument } from '../generated/graphql';
import { useQuery } from '../hooks';
import { filterVariable } from '../range';
import { wholeNumberParam } from '../share-params';
import { CorrelationTable } from './drivers/CorrelationTable';
import { DriversSettings } from './drivers/DriversSettings';
import { type DriverList, DriverMembers } from './drivers/DriverMembers';
import { SegmentComparison } from './drivers/SegmentComparison';
import { WaitingHint } from './Overview';

const DEFAULT_WINDOW_DAYS = 30;

/** Activities associated with high NPS, and each one's segment comparison. */
export function Drivers({ ctx }: { ctx: ViewContext }) {
  const { env, range, controls, filter } = ctx;
  const windowDays = wholeNumberParam(ctx.settings.get('window'), 1, 365) ?? DEFAULT_WINDOW_DAYS;
  const minUsers = wholeNumberParam(ctx.settings.get('min'), 1, Number.MAX_SAFE_INTEGER);
  const selected = ctx.settings.get('activity') || null;
  const setSelected = (activity: string | null) => ctx.setSettings({ activity, list: null });
  const requestedList = ctx.settings.get('list');
  const list: DriverList | null =
    ctx.mode === 'standalone' && (requestedList === 'did' || requestedList === 'did-not')
      ? requestedList
      : null;
  const maxAgeDays = range.days !== null && range.days <= 3650 ? range.days : null;
  const filterVar = filterVariable(filter);
  const correlations = useQuery(range.error || range.loading ? null : CorrelationsDocument, {
    env: env.id,
    from: range.from,
    to: range.to,
    windowDays,
    minUsers,
    filter: filterVar,
  });
  const comparison = useQuery(selected ? ComparisonDocument : null, {
    env: env.id,
    // Never sent empty: the query waits for a selected activity.
    eventType: selected ?? '',
    windowDays,
    asOf: range.to,
    filter: filterVar,
  });

  const rows = correlations.data?.environment?.activityCorrelations;

  return (
    <>
      <ControlsBar
        controls={controls}
        onChange={ctx.setControls}
        range={range}
        environmentTimezone={env.timezone}
        show={{ interval: false, dedupe: false }}
      />
      <aside class="note" role="note" data-testid="association-note">
        <strong>Association, not cause.</strong> These activities go together with higher or lower
        NPS among matched respondents; they do not show that doing the activity raises NPS. Users
        who are already happy may simply do more.
      </aside>
      <DriversSettings
        key={`${windowDays}|${minUsers}`}
        windowDays={windowDays}
        minUsers={minUsers}
        onApply={(days, min) =>
          ctx.setSettings({
            window: days === DEFAULT_WINDOW_DAYS ? null : String(days),
            min: min === null ? null : String(min),
          })
        }
      />
      {range.empty ? (
        <WaitingForData>
          <WaitingHint ctx={ctx} />
        </WaitingForData>
      ) : correlations.error ? (
        <ErrorNotice error={correlations.error} onRetry={correlations.reload} />
      ) : !rows ? (
        <Loading label="Correlating activities with scores…" />
      ) : rows.length === 0 ? (
        <Empty title="No activity has enough users yet">
          An activity is listed once at least the minimum number of matched respondents did it and
          did not do it in the window. Try a longer range or a lower minimum.
        </Empty>
      ) : (
        <CorrelationTable
          rows={rows}
          busy={correlations.loading}
          range={range}
          windowDays={windowDays}
          selected={selected}
          onSelect={setSelected}
          onMembers={
            ctx.mode === 'standalone'
              ? (activity, next) => ctx.setSettings({ activity, list: next })
              : undefined
          }
        />
      )}
      {selected && list && !range.error && !range.loading && (
        <DriverMembers
          key={`${selected}|${list}`}
          env={env.id}
          eventType={selected}
          list={list}
          windowDays={windowDays}
          asOf={range.to}
          maxAgeDays={maxAgeDays}
          filter={filterVar}
          timezone={controls.timezone}
          onClose={() => ctx.setSettings({ list: null })}
        />
      )}
      {selected && (
        <SegmentComparison
          selected={selected}
          windowDays={windowDays}
          asOf={range.to}
          timezone={controls.timezone}
          comparison={comparison}
          onClose={() => setSelected(null)}
        />
      )}
    </>
  );
}
