import { useState } from 'preact/hooks';
import { gql } from '../api';
import { ControlsBar } from '../components/Controls';
import { Empty, ErrorNotice, Loading, WaitingForData } from '../components/States';
import type { ViewContext } from '../context';
import { formatCount, formatShare } from '../format';
import {
  CommentResponsesDocument,
  CommentThemesDocument,
  type SentimentLabel,
  SetThemesDocument,
  ThemeSuggestionsDocument,
  ThemeTrendDocument,
} from '../generated/graphql';
import { clearQueryCache, useCommittedText, useQuery } from '../hooks';
import { filterVariable } from '../range';
import { CommentList } from './comments/CommentList';
import { SentimentSplit, ThemeTrend } from './comments/SentimentAndTrend';
import { ThemeTable } from './comments/ThemeTable';
import { WaitingHint } from './Overview';

const SENTIMENTS: SentimentLabel[] = ['POSITIVE', 'NEUTRAL', 'NEGATIVE'];

/**
 * What respondents say: themes by impact, sentiment by segment, a theme's trend and comments,
 * full-text search, and (for ARCHITECT and ADMIN) phrases to add as themes in one click.
 */
export function Comments({ ctx }: { ctx: ViewContext }) {
  const { env, range, controls, filter } = ctx;
  const ready = !range.error && !range.loading;
  // Theme figures need a start: "all time" starts where the trend does (the first response's year).
  const from = range.from ?? range.trendFrom ?? '2000-01-01T00:00:00.000Z';
  const theme = ctx.settings.get('theme') || null;
  const sentimentSetting = ctx.settings.get('sentiment');
  const sentiment = SENTIMENTS.includes(sentimentSetting as SentimentLabel)
    ? (sentimentSetting as SentimentLabel)
    : null;
  const searchText = ctx.settings.get('q') ?? '';
  const [search, setSearch] = useCommittedText(searchText, (text) =>
    ctx.setSettings({ q: text || null }),
  );
  const [adding, setAdding] = useState<string | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const themes = useQuery(ready ? CommentThemesDocument : null, {
    env: env.id,
    from,
    to: range.to,
    filter: filterVariable(filter),
  });
  const trend = useQuery(ready && theme ? ThemeTrendDocument : null, {
    env: env.id,
    theme: theme ?? '',
    from,
    to: range.to,
    interval: controls.interval,
    timezone: controls.timezone,
  });
  const suggestions = useQuery(ready && ctx.canConfigure ? ThemeSuggestionsDocument : null, {
    env: env.id,
    from,
    to: range.to,
  });
  const comments = useQuery(ready ? CommentResponsesDocument : null, {
    env: env.id,
    from: range.from,
    to: range.to,
    search: searchText || null,
    sentiment,
    theme,
    first: 50,
  });
  const data = themes.data?.environment;
  const themeNames = new Map((data?.themes ?? []).map((t) => [t.id, t.name]));
  const job = data?.commentAnalysis;

  const addTheme = async (phrase: string) => {
    if (!data) return;
    setAdding(phrase);
    setAddError(null);
    try {
      await gql(SetThemesDocument, {
        env: env.id,
        themes: [
          ...data.themes.map((t) => ({ name: t.name, patterns: t.patterns })),
          { name: phrase, patterns: [phrase] },
        ],
      });
      clearQueryCache();
      themes.reload();
      suggestions.reload();
    } catch (error) {
      setAddError(error instanceof Error ? error.message : String(error));
    } finally {
      setAdding(null);
    }
  };

  return (
    <>
      <ControlsBar
        controls={controls}
        onChange={ctx.setControls}
        range={range}
        environmentTimezone={env.timezone}
        show={{ dedupe: false }}
      />
      {job && !job.finished && (
        <aside class="note" role="note" aria-live="polite" data-testid="analysis-progress">
          Analysing stored comments ({job.reason === 'THEMES' ? 'the themes changed' : 'first run'}
          ): {formatCount(job.done)} of {formatCount(job.total)} ({formatShare(job.percent / 100)}).
          Figures include only comments analysed so far.
        </aside>
      )}
      {range.empty ? (
        <WaitingForData>
          <WaitingHint ctx={ctx} />
        </WaitingForData>
      ) : themes.error ? (
        <ErrorNotice error={themes.error} onRetry={themes.reload} />
      ) : !data ? (
        <Loading label="Reading comments…" />
      ) : (
        <>
          <ThemeTable
            rows={data.themeImpact}
            selected={theme}
            onSelect={(next) => ctx.setSettings({ theme: next })}
          />
          <SentimentSplit rows={data.sentimentSplit} />
          {theme && trend.data?.environment && (
            <ThemeTrend
              name={themeNames.get(theme) ?? 'Theme'}
              points={trend.data.environment.themeTrend}
              interval={controls.interval}
              timezone={controls.timezone}
            />
          )}
          {ctx.canConfigure && suggestions.data?.environment && (
            <section class="card" aria-labelledby="suggestions-title" data-testid="suggestions">
              <header class="card-header">
                <div>
                  <h2 id="suggestions-title">Not covered by a theme yet</h2>
                  <p class="card-subtitle">
                    Frequent in detractors' comments (detractors / promoters mentioning it).
                  </p>
                </div>
              </header>
              {addError && <p class="error small">{addError}</p>}
              {suggestions.data.environment.themeSuggestions.length === 0 ? (
                <p class="muted">No frequent phrase is left uncovered.</p>
              ) : (
                <ul class="suggestions">
                  {suggestions.data.environment.themeSuggestions.map((s) => (
                    <li key={s.phrase}>
                      <button
                        type="button"
                        class="chip"
                        disabled={adding !== null}
                        onClick={() => void addTheme(s.phrase)}
                        title={`Add "${s.phrase}" as a theme`}
                      >
                        + {s.phrase}{' '}
                        <span class="muted small">
                          {s.detractors} / {s.promoters}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </>
      )}
      <div class="filters" role="search">
        <label>
          Search comments{' '}
          <input
            type="search"
            value={search}
            placeholder='e.g. "dark mode" -price'
            onInput={(event) => setSearch((event.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Sentiment{' '}
          <select
            value={sentiment ?? ''}
            onChange={(event) =>
              ctx.setSettings({ sentiment: (event.target as HTMLSelectElement).value || null })
            }
          >
            <option value="">Any</option>
            <option value="POSITIVE">Positive</option>
            <option value="NEUTRAL">Neutral</option>
            <option value="NEGATIVE">Negative</option>
          </select>
        </label>
        {theme && (
          <button type="button" class="chip" onClick={() => ctx.setSettings({ theme: null })}>
            {themeNames.get(theme) ?? 'Theme'} ✕
          </button>
        )}
      </div>
      {comments.error ? (
        <ErrorNotice error={comments.error} onRetry={comments.reload} />
      ) : !comments.data?.environment ? (
        <Loading label="Loading comments…" />
      ) : comments.data.environment.surveyResponses.totalCount === 0 ? (
        <Empty title="No comments match">
          Clear the search, theme or sentiment, or choose a longer range.
        </Empty>
      ) : (
        <CommentList
          rows={comments.data.environment.surveyResponses.edges.map((edge) => edge.node)}
          total={comments.data.environment.surveyResponses.totalCount}
          search={searchText}
          themeNames={themeNames}
          timezone={controls.timezone}
        />
      )}
    </>
  );
}
