/**
 * One newest-first feed from several newest-first lists paged by the server (the NPS responses:
 * the promoter, passive and detractor lists, since the list has no survey-type argument). A row is
 * shown only once no list can still hold a newer one, so the feed is exactly the server's rows in
 * order, whatever page each list is on. Pure.
 */

export interface FeedRow {
  responseId: string;
  respondedAt: string;
}

export interface ListCursor<Row extends FeedRow> {
  /** Fetched, not shown yet (newest first). */
  buffer: Row[];
  /** The cursor to fetch the list's next page after; null before the first. */
  after: string | null;
  hasNext: boolean;
  /** The time of the last row fetched; nothing newer is left on the server. */
  reached: string | null;
}

export function startList<Row extends FeedRow>(): ListCursor<Row> {
  return { buffer: [], after: null, hasNext: true, reached: null };
}

/** A list after one more page came in. */
export function addPage<Row extends FeedRow>(
  list: ListCursor<Row>,
  page: { rows: Row[]; endCursor: string | null; hasNextPage: boolean },
): ListCursor<Row> {
  return {
    buffer: [...list.buffer, ...page.rows],
    after: page.endCursor ?? list.after,
    hasNext: page.hasNextPage,
    reached: page.rows.length ? page.rows[page.rows.length - 1].respondedAt : list.reached,
  };
}

const newestFirst = (a: FeedRow, b: FeedRow) =>
  a.respondedAt === b.respondedAt
    ? a.responseId < b.responseId
      ? 1
      : a.responseId > b.responseId
        ? -1
        : 0
    : Date.parse(b.respondedAt) - Date.parse(a.respondedAt);

/**
 * Takes out the rows that may be shown now: those at or after the latest time a list with more
 * pages has reached (a later page of a list holds only rows at or before its time).
 */
export function release<Row extends FeedRow>(
  lists: ListCursor<Row>[],
): { rows: Row[]; lists: ListCursor<Row>[] } {
  const open = lists.filter((list) => list.hasNext);
  if (open.some((list) => list.reached === null)) return { rows: [], lists };
  const frontier = open.length
    ? Math.max(...open.map((list) => Date.parse(list.reached!)))
    : -Infinity;
  const rows: Row[] = [];
  const kept = lists.map((list) => {
    const ready = list.buffer.filter((row) => Date.parse(row.respondedAt) >= frontier);
    rows.push(...ready);
    return { ...list, buffer: list.buffer.slice(ready.length) };
  });
  return { rows: rows.sort(newestFirst), lists: kept };
}
