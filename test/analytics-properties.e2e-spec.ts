import fc from 'fast-check';
import { TestApp, createEnvironmentWithKeys } from './support/test-app';
import { startSyncTestApp } from './support/delighted-fixtures';

/** A straightforward reading of docs/nps-method.md, written for this test only. */
function reference(
  scores: Array<{ person: string; score: number; time: number }>,
  dedupe: 'ALL' | 'LATEST',
) {
  let chosen = scores;
  if (dedupe === 'LATEST') {
    const latest = new Map<string, { person: string; score: number; time: number }>();
    for (const response of scores) {
      const current = latest.get(response.person);
      if (!current || response.time > current.time) latest.set(response.person, response);
    }
    chosen = [...latest.values()];
  }
  const n = chosen.length;
  const P = chosen.filter((response) => response.score >= 9).length;
  const D = chosen.filter((response) => response.score <= 6).length;
  return { responses: n, nps: n === 0 ? null : (100 * (P - D)) / n, promoters: P, detractors: D };
}

describe('NPS figures agree with a reference implementation on random data', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startSyncTestApp();
  });
  afterAll(() => test.close());

  const base = Date.parse('2026-01-01T00:00:00Z') / 1000;
  const response = fc.record({
    person: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
    score: fc.integer({ min: 0, max: 10 }),
    // Distinct seconds within 60 days: the latest response of a person is unambiguous.
    offset: fc.integer({ min: 0, max: 60 * 86_400 }),
    nps: fc.boolean(),
  });

  it('npsSummary (both dedupe modes) and segmentSummary', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(response, { minLength: 0, maxLength: 25, selector: (item) => item.offset }),
        async (items) => {
          const { environmentId, keys } = await createEnvironmentWithKeys(test);
          if (items.length > 0) {
            const json = items.map((item, index) => ({
              id: String(index + 1),
              person: item.person,
              survey_type: item.nps ? 'nps' : 'ces',
              score: item.nps ? item.score : 1 + (item.score % 7),
              created_at: base + item.offset,
              updated_at: null,
            }));
            await test.ok(
              keys.ARCHITECT,
              'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
              {
                env: environmentId,
                json: JSON.stringify(json),
              },
            );
          }
          const nps = items
            .filter((item) => item.nps)
            .map((item) => ({ person: item.person, score: item.score, time: item.offset }));
          const result = await test.ok<{
            environment: Record<
              string,
              | { responses: number; nps: number | null; promoters: number; detractors: number }
              | Array<{ count: number }>
            >;
          }>(
            keys.ANALYST,
            `query($env: ID!) { environment(id: $env) {
             all: npsSummary(from: "2025-12-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { responses nps promoters detractors }
             latest: npsSummary(from: "2025-12-01T00:00:00Z", to: "2026-04-01T00:00:00Z", dedupe: LATEST_PER_PERSON) { responses nps promoters detractors }
             segmentSummary(asOf: "2026-04-01T00:00:00Z") { count } } }`,
            { env: environmentId },
          );
          const close = (value: { nps: number | null }, expected: { nps: number | null }) =>
            expected.nps === null
              ? value.nps === null
              : Math.abs((value.nps ?? NaN) - expected.nps) < 1e-6;
          const all = result.environment.all as {
            responses: number;
            nps: number | null;
            promoters: number;
            detractors: number;
          };
          const latest = result.environment.latest as typeof all;
          const expectedAll = reference(nps, 'ALL');
          const expectedLatest = reference(nps, 'LATEST');
          expect(all.responses).toBe(expectedAll.responses);
          expect(close(all, expectedAll)).toBe(true);
          expect(latest.responses).toBe(expectedLatest.responses);
          expect(close(latest, expectedLatest)).toBe(true);
          const segments = (result.environment.segmentSummary as Array<{ count: number }>).map(
            (row) => row.count,
          );
          expect(segments).toEqual([
            expectedLatest.promoters,
            expectedLatest.responses - expectedLatest.promoters - expectedLatest.detractors,
            expectedLatest.detractors,
          ]);
        },
      ),
      { numRuns: 25 },
    );
  });
});
