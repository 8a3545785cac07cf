import { csvName, downloadCsv } from '../../csv';
import type { NpsSegment, ResponseItemFragment } from '../../generated/graphql';
import type { ResolvedRange } from '../../range';
import type { SurveyTypeChoice } from './response-feed';

/** Segment, survey type and text search of the response list, and the CSV of what is loaded. */
export function ResponseFilters({
  segment,
  surveyType,
  search,
  onSegment,
  onSurveyType,
  onSearch,
  loaded,
  range,
  filtered,
}: {
  segment: NpsSegment | null;
  surveyType: SurveyTypeChoice;
  search: string;
  onSegment: (segment: NpsSegment | null) => void;
  onSurveyType: (surveyType: SurveyTypeChoice) => void;
  onSearch: (text: string) => void;
  loaded: ResponseItemFragment[];
  range: ResolvedRange;
  /** A user-property filter is set (it does not apply to this list). */
  filtered: boolean;
}) {
  return (
    <div class="card settings" role="search" aria-label="Filter responses">
      <div class="settings-grid">
        <div class="control">
          <label for="ctl-surveyType">Survey type</label>
          <select
            id="ctl-surveyType"
            name="surveyType"
            value={segment ? 'nps' : surveyType}
            disabled={segment !== null}
            aria-describedby={segment ? 'survey-type-note' : undefined}
            onChange={(event) => onSurveyType(event.currentTarget.value as SurveyTypeChoice)}
          >
            <option value="all">All survey types</option>
            <option value="nps">NPS only (as counted in NPS)</option>
          </select>
          {segment && (
            <small id="survey-type-note" class="muted">
              Segments are NPS only.
            </small>
          )}
        </div>
        <div class="control">
          <label for="ctl-segment">Segment</label>
          <select
            id="ctl-segment"
            name="segment"
            value={segment ?? ''}
            onChange={(event) => onSegment((event.currentTarget.value || null) as NpsSegment)}
          >
            <option value="">All scores</option>
            <option value="PROMOTER">Promoters (9–10)</option>
            <option value="PASSIVE">Passives (7–8)</option>
            <option value="DETRACTOR">Detractors (0–6)</option>
          </select>
        </div>
        <label class="control control-wide">
          <span>Search comments and emails</span>
          <input
            type="search"
            name="search"
            value={search}
            placeholder="e.g. slow"
            onInput={(event) => onSearch(event.currentTarget.value)}
          />
        </label>
        <div class="control control-submit">
          <button
            type="button"
            class="button button-quiet"
            disabled={loaded.length === 0}
            onClick={() =>
              downloadCsv(
                csvName(
                  'survey-responses',
                  range.from?.slice(0, 10) ?? 'all',
                  range.to.slice(0, 10),
                ),
                [
                  'response_id',
                  'responded_at',
                  'survey_type',
                  'score',
                  'comment',
                  'email',
                  'person_id',
                  'identity',
                  'permalink',
                  'source',
                ],
                loaded.map((row) => [
                  row.responseId,
                  row.respondedAt,
                  row.surveyType,
                  row.score,
                  row.comment,
                  row.email,
                  row.personId,
                  row.user?.identity,
                  row.permalink,
                  row.source,
                ]),
              )
            }
          >
            Download loaded (CSV)
          </button>
        </div>
      </div>
      {filtered && <p class="muted small">The user-property filter does not apply to this list.</p>}
    </div>
  );
}
