import { DriverMembersDocument, SegmentMembersDocument } from '../client/src/generated/graphql';
import { EXPORT_PAGE_SIZE } from '../client/src/export-page';
import { TestApp, createEnvironmentWithKeys, startTestApp } from './support/test-app';

/**
 * The dashboard's CSV exports page through lists EXPORT_PAGE_SIZE rows at a time. Each export
 * request, exactly as the client sends it, must pass the service's default query limits (a page
 * of 500 members once cost 7,502 of the 5,000 allowed, and every Segments export failed).
 */
describe("the dashboard's CSV export requests within the default query limits", () => {
  let test: TestApp;
  let environmentId: string;
  let analystKey: string;

  beforeAll(async () => {
    test = await startTestApp();
    const created = await createEnvironmentWithKeys(test);
    environmentId = created.environmentId;
    analystKey = created.keys.ANALYST;
    await test.http
      .post('/api/track')
      .set('authorization', `Bearer ${created.keys.INGEST}`)
      .send({ app_id: environmentId, identity: 'u1', event: 'Export' })
      .expect(200);
  });
  afterAll(() => test.close());

  it('Segments: a page of members, as the export asks it', async () => {
    const result = await test.graphql(analystKey, String(SegmentMembersDocument), {
      env: environmentId,
      segment: 'DETRACTOR',
      first: EXPORT_PAGE_SIZE,
      after: null,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ environment: { segmentMembers: { totalCount: 0 } } });
  });

  it("Drivers: a page of an activity's outreach list, as the export asks it", async () => {
    const result = await test.graphql(analystKey, String(DriverMembersDocument), {
      env: environmentId,
      segment: 'PASSIVE',
      activity: { eventType: 'Export', did: false, windowDays: 30 },
      first: EXPORT_PAGE_SIZE,
      after: null,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ environment: { segmentMembers: { totalCount: 0 } } });
  });

  it('would refuse the page size Segments used before (so this test can fail)', async () => {
    const result = await test.graphql(analystKey, String(SegmentMembersDocument), {
      env: environmentId,
      segment: 'DETRACTOR',
      first: 500,
      after: null,
    });
    expect(result.errors?.[0]?.message).toMatch(/complexity|cost/i);
  });
});
