/**
 * The activity window response_activity_30d holds (720 hours); figures over other windows count
 * events directly.
 */
export const ACTIVITY_TABLE_WINDOW_DAYS = 30;

/** Whether response_activity_30d answers a count of `eventTypes` (null: all) over `windowDays`. */
export function activityTableAnswers(
  windowDays: number,
  eventTypes: readonly string[] | null,
): boolean {
  return (
    windowDays === ACTIVITY_TABLE_WINDOW_DAYS &&
    (eventTypes === null || !eventTypes.includes('Submit Survey'))
  );
}
