export default async function globalTeardown(): Promise<void> {
  await globalThis.__NPS_TEST_DB__?.drop();
}
