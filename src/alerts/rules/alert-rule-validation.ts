import { CronTime } from 'cron';
import { AppError, InputProblem } from '../../common/app-error';
import { validateUserFilter } from '../../store/user-filter.sql';
import { destinationUrlProblem } from '../destinations/destination-url';
import type { AlertRuleInput } from './alert-rule.input';
import type { AlertRuleFields } from './alert-rules.repository';

/** A destination as checked, before its secret is made. */
export interface CheckedDestination {
  kind: 'WEBHOOK' | 'SLACK' | 'EMAIL';
  url: string | null;
  emailTo: string | null;
}

export interface CheckedRule {
  fields: Omit<AlertRuleFields, 'nextDigestAt'>;
  destinations: CheckedDestination[];
}

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;
const MAX_DESTINATIONS = 10;

/**
 * Checks every field of a rule and returns it clean, or throws one BAD_USER_INPUT listing each
 * problem with the field it is in (`windowDays`, `destinations[1].url`, …); nothing is saved then.
 */
export function checkRuleInput(
  input: AlertRuleInput,
  options: { allowPrivateUrls: boolean; mailConfigured: boolean; destinations?: boolean },
): CheckedRule {
  const problems: InputProblem[] = [];
  const problem = (field: string, message: string) =>
    problems.push({ field, message: `${field} ${message}` });
  const name = (input.name ?? '').trim();
  if (name.length === 0 || name.length > 200) problem('name', 'must be 1 to 200 characters.');
  const whole = (field: keyof AlertRuleInput, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max)
      problem(field, `must be a whole number from ${min} to ${max}.`);
  };
  whole('windowDays', input.windowDays, 1, 90);
  whole('baselineDays', input.baselineDays, 1, 365);
  whole('minResponses', input.minResponses, 1, 100_000);
  if (
    !Number.isFinite(input.minChangePoints) ||
    input.minChangePoints < 0 ||
    input.minChangePoints > 200
  )
    problem('minChangePoints', 'must be a number of NPS points from 0 to 200.');
  if (!Number.isFinite(input.confidence) || input.confidence < 0.5 || input.confidence > 0.999)
    problem('confidence', 'must be from 0.5 to 0.999 (e.g. 0.95).');
  let schedule: string | null = input.schedule?.trim() || null;
  if (schedule !== null && input.kind !== 'DIGEST')
    problem('schedule', 'applies to DIGEST rules only.');
  else if (schedule !== null && !CronTime.validateCronExpression(schedule).valid)
    problem('schedule', 'must be a cron expression such as "0 9 * * 1" (Monday 09:00).');
  if (input.kind !== 'DIGEST') schedule = null;
  let filter: AlertRuleFields['filter'] = null;
  try {
    const conditions = validateUserFilter(input.filter, 'filter');
    filter = conditions.length > 0 ? conditions : null;
  } catch (error) {
    problem('filter', (error as Error).message.replace(/^filter /, ''));
  }
  const destinations: CheckedDestination[] = [];
  const list = options.destinations === false ? [] : (input.destinations ?? []);
  if ((options.destinations !== false && list.length === 0) || list.length > MAX_DESTINATIONS)
    problem('destinations', `must list 1 to ${MAX_DESTINATIONS} destinations.`);
  list.forEach((destination, index) => {
    const checked = checkDestination(destination, `destinations[${index}]`, options, problem);
    if (checked) destinations.push(checked);
  });
  if (problems.length > 0) {
    throw new AppError(
      'BAD_USER_INPUT',
      `The alert rule was not saved: ${problems.map((item) => item.message).join(' ')}`,
      { argument: problems[0].field, problems },
    );
  }
  return {
    fields: {
      name,
      kind: input.kind,
      filter,
      windowDays: input.windowDays,
      baselineDays: input.baselineDays,
      minResponses: input.minResponses,
      minChangePoints: input.minChangePoints,
      confidence: input.confidence,
      commentRequired: input.commentRequired ?? false,
      schedule,
    },
    destinations,
  };
}

/** One destination, its problems reported under `path` (e.g. `destinations[0].url`). */
export function checkDestination(
  destination: { kind: string; url?: string | null; to?: string | null },
  path: string,
  options: { allowPrivateUrls: boolean; mailConfigured: boolean },
  problem: (field: string, message: string) => void,
): CheckedDestination | null {
  const before = { count: 0 };
  const report = (field: string, message: string) => {
    before.count += 1;
    problem(field, message);
  };
  if (destination.kind === 'EMAIL') {
    const to = destination.to?.trim() ?? '';
    if (destination.url) report(`${path}.url`, 'is not used by EMAIL destinations (give to).');
    if (!EMAIL.test(to) || to.length > 320)
      report(`${path}.to`, 'must be one email address such as pm@example.com.');
    else if (!options.mailConfigured)
      report(`${path}.to`, 'cannot be used: email is not configured (set SMTP_URL).');
    return before.count === 0 ? { kind: 'EMAIL', url: null, emailTo: to } : null;
  }
  const url = destination.url?.trim() ?? '';
  if (destination.to)
    report(`${path}.to`, `is not used by ${destination.kind} destinations (give url).`);
  if (url === '') report(`${path}.url`, 'is required.');
  else {
    const refusal =
      url.length > 2000
        ? 'must be at most 2000 characters'
        : destinationUrlProblem(url, options.allowPrivateUrls);
    if (refusal !== null) report(`${path}.url`, `${refusal}.`);
  }
  return before.count === 0
    ? { kind: destination.kind as 'WEBHOOK' | 'SLACK', url, emailTo: null }
    : null;
}
