/**
 * When a table's statistics are refreshed as a writer grows it: past 1k, 10k and 50k rows, then
 * every 100k. Autovacuum may analyze late or not at all, and plans made while the data was small
 * (an empty environment, an empty table) turn later look-ups into scans.
 */
export function crossesAnalyzeMark(before: number, after: number): boolean {
  const marks = (count: number) =>
    (count >= 1_000 ? 1 : 0) +
    (count >= 10_000 ? 1 : 0) +
    (count >= 50_000 ? 1 : 0) +
    Math.floor(count / 100_000);
  return marks(after) > marks(before);
}
