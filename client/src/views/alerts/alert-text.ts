import { formatInterval, formatNps } from '../../format';
import type { AlertKind, AlertRuleRowFragment } from '../../generated/graphql';

export const KIND_LABELS: Record<AlertKind, string> = {
  NPS_DROP: 'NPS drop',
  NPS_RISE: 'NPS rise',
  DETRACTOR_RESPONSE: 'Each detractor',
  DIGEST: 'Weekly digest',
};

/** The users a filter keeps: "plan is pro and region in EU, US", or "all users". */
export function filterText(
  filter: ReadonlyArray<{
    property: string;
    equals?: string | null;
    in?: string[] | null;
    exists?: boolean | null;
  }>,
): string {
  if (filter.length === 0) return 'all users';
  return filter
    .map((c) =>
      c.equals != null
        ? `${c.property} is ${c.equals}`
        : c.in
          ? `${c.property} in ${c.in.join(', ')}`
          : `${c.property} ${c.exists ? 'set' : 'unset'}`,
    )
    .join(' and ');
}

/** What a rule watches, in one line. */
export function ruleSummary(rule: AlertRuleRowFragment): string {
  const filter = filterText(rule.filter);
  switch (rule.kind) {
    case 'NPS_DROP':
    case 'NPS_RISE':
      return `${rule.windowDays} days vs the ${rule.baselineDays} before, ≥ ${rule.minResponses} responses each, ≥ ${rule.minChangePoints} points at ${Math.round(rule.confidence * 1000) / 10} %; ${filter}`;
    case 'DETRACTOR_RESPONSE':
      return `Scores 0–6${rule.commentRequired ? ' with a comment' : ''}; ${filter}`;
    case 'DIGEST':
      return `On "${rule.schedule ?? '0 9 * * 1'}" (Monday 09:00 by default); ${filter}`;
  }
}

/** A window's figures: "NPS 12.5 (−3.1 to 27.0), 48 responses". */
export function windowText(
  window:
    | { nps?: number | null; ciLow?: number | null; ciHigh?: number | null; responses: number }
    | null
    | undefined,
): string {
  if (!window) return '—';
  return `NPS ${formatNps(window.nps)} (${formatInterval(window.ciLow, window.ciHigh)}), ${window.responses} responses`;
}

/** The hash part of a dashboard URL, so the link stays in this page. */
export function inAppLink(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(hash) : url;
}
