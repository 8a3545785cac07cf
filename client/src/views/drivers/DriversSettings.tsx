import { useState } from 'preact/hooks';

/** The window before each response and the minimum users with and without an activity. */
export function DriversSettings({
  windowDays,
  minUsers,
  onApply,
}: {
  /** The applied settings, which the fields start from. */
  windowDays: number;
  minUsers: number | null;
  onApply: (windowDays: number, minUsers: number | null) => void;
}) {
  const [windowText, setWindowText] = useState(String(windowDays));
  const [minUsersText, setMinUsersText] = useState(minUsers === null ? '' : String(minUsers));
  const [problem, setProblem] = useState<string | null>(null);

  const apply = (event: Event) => {
    event.preventDefault();
    const days = Number(windowText);
    if (!Number.isInteger(days) || days < 1 || days > 365)
      return setProblem('The window is a whole number of days from 1 to 365.');
    const min = minUsersText.trim() === '' ? null : Number(minUsersText);
    if (min !== null && (!Number.isInteger(min) || min < 1))
      return setProblem(
        'Minimum users is a whole number of at least 1 (or empty for the default).',
      );
    setProblem(null);
    onApply(days, min);
  };

  return (
    <form class="card settings" onSubmit={apply} aria-labelledby="drivers-settings">
      <h2 id="drivers-settings" class="settings-title">
        Settings
      </h2>
      <div class="settings-grid">
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
        <label class="control">
          <span>Minimum users with and without</span>
          <input
            name="minUsers"
            type="number"
            min={1}
            placeholder="default: 25 or 2 %"
            value={minUsersText}
            onInput={(event) => setMinUsersText(event.currentTarget.value)}
          />
        </label>
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
