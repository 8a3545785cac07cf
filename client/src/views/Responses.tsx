import { ControlsBar } from '../components/Controls';
import { Empty, ErrorNotice, Loading, WaitingForData } from '../components/States';
import type { ViewContext } from '../context';
import { formatCount } from '../format';
import { type NpsSegment, ResponseCountsDocument } from '../generated/graphql';
import { useCommittedText, useQuery } from '../hooks';
import { SEGMENT_LABELS, SEGMENTS } from '../palette';
import { WaitingHint } from './Overview';
import { ResponseFilters } from './responses/ResponseFilters';
import { ResponseList } from './responses/ResponseList';
import { type SurveyTypeChoice, useResponseFeed } from './responses/response-feed';

const PAGE_SIZE = 25;

function readSegment(value: string | null): NpsSegment | null {
  return SEGMENTS.includes(value as NpsSegment) ? (value as NpsSegment) : null;
}

/**
 * The comment feed, newest first, filterable by survey type, segment, date range and text; its
 * count says how many are NPS responses, the ones the other views count.
 */
export function Responses({ ctx }: { ctx: ViewContext }) {
  const { env, range, controls, filter } = ctx;
  const segment = readSegment(ctx.settings.get('segment'));
  const surveyType: SurveyTypeChoice = ctx.settings.get('type') === 'nps' ? 'nps' : 'all';
  const searchText = ctx.settings.get('q') ?? '';
  const [search, setSearch] = useCommittedText(searchText, (text) =>
    ctx.setSettings({ q: text || null }),
  );
  const ready = !range.error && !range.loading;
  const feed = useResponseFeed(
    ready
      ? {
          env: env.id,
          from: range.from,
          to: range.to,
          segment,
          search: searchText || null,
          surveyType,
        }
      : null,
    PAGE_SIZE,
  );
  const counts = useQuery(ready && !segment ? ResponseCountsDocument : null, {
    env: env.id,
    from: range.from,
    to: range.to,
    search: searchText || null,
  });
  const npsCounts = counts.data?.environment;
  const nps = npsCounts
    ? npsCounts.promoters.totalCount +
      npsCounts.passives.totalCount +
      npsCounts.detractors.totalCount
    : null;

  const total = feed.total ?? 0;
  const summary = segment
    ? `${formatCount(total)} ${SEGMENT_LABELS[segment].toLowerCase()} (NPS responses), newest first`
    : surveyType === 'nps'
      ? `${formatCount(total)} NPS responses, newest first`
      : nps === null
        ? `${formatCount(total)} responses of every survey type, newest first`
        : `${formatCount(total)} responses of every survey type, newest first: ${formatCount(nps)} NPS, ${formatCount(total - nps)} of other survey types (not counted in NPS)`;

  return (
    <>
      <ControlsBar
        controls={controls}
        onChange={ctx.setControls}
        range={range}
        environmentTimezone={env.timezone}
        show={{ interval: false, dedupe: false }}
      />
      <ResponseFilters
        segment={segment}
        surveyType={surveyType}
        search={search}
        onSegment={(next) => ctx.setSettings({ segment: next })}
        onSurveyType={(next) => ctx.setSettings({ type: next === 'nps' ? 'nps' : null })}
        onSearch={setSearch}
        loaded={feed.rows}
        range={range}
        filtered={filter.length > 0}
      />
      {range.empty ? (
        <WaitingForData>
          <WaitingHint ctx={ctx} />
        </WaitingForData>
      ) : feed.error ? (
        <ErrorNotice error={feed.error} onRetry={feed.reload} />
      ) : feed.total === null ? (
        <Loading label="Loading responses…" />
      ) : feed.total === 0 ? (
        <Empty title="No responses match">
          {searchText || segment || surveyType === 'nps'
            ? 'Clear the search, segment or survey type, or choose a longer range.'
            : 'Choose a longer range.'}
        </Empty>
      ) : (
        <ResponseList
          rows={feed.rows}
          summary={summary}
          hasMore={feed.hasMore}
          loading={feed.loading}
          timezone={controls.timezone}
          onLoadMore={feed.loadMore}
        />
      )}
    </>
  );
}
