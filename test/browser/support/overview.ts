import type { Page } from 'playwright-core';
import { formatCount, formatInterval, formatNps } from '../../../client/src/format';
import type { Dashboard } from './dashboard';
import type { PageDocument } from './page-dom';

declare const document: PageDocument;

const FIGURES =
  'responses promoters passives detractors nps averageScore ciLow ciHigh marginOfError';

export interface SummaryAnswer {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  previous: { from: string; to: string; responses: number; nps: number | null } | null;
  change: { difference: number | null; significant: boolean | null } | null;
}

/** The API's npsSummary with these arguments, asked with the ANALYST key. */
export async function summary(dashboard: Dashboard, args: string): Promise<SummaryAnswer> {
  const data = await dashboard.test.ok<{ environment: { npsSummary: SummaryAnswer } }>(
    dashboard.keys.ANALYST,
    `query($env: ID!) { environment(id: $env) { npsSummary(${args}) {
       ${FIGURES} previous { from to responses nps } change { difference significant } } } }`,
    { env: dashboard.environmentId },
  );
  return data.environment.npsSummary;
}

/** Waits until the overview shows the figures of `expected`, then checks every one. */
export async function expectOverview(p: Page, expected: SummaryAnswer): Promise<void> {
  await p.waitForFunction(
    (value) =>
      document.querySelector('[data-testid="nps-value"]')?.getAttribute('data-value') === value &&
      !document.querySelector('[data-testid="nps-summary"][aria-busy="true"]'),
    String(expected.nps),
  );
  const text = (testId: string) => p.getByTestId(testId).first().innerText();
  expect(await text('nps-value')).toBe(formatNps(expected.nps));
  expect(await p.getByTestId('nps-responses').getAttribute('data-value')).toBe(
    String(expected.responses),
  );
  expect(await text('nps-responses')).toContain(`n = ${formatCount(expected.responses)}`);
  expect(await text('nps-interval')).toContain(formatInterval(expected.ciLow, expected.ciHigh));
  expect(await text('count-promoter')).toBe(formatCount(expected.promoters));
  expect(await text('count-passive')).toBe(formatCount(expected.passives));
  expect(await text('count-detractor')).toBe(formatCount(expected.detractors));
}
