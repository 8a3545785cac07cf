import type { ThrowawayDatabase } from '../../tools/harness/throwaway-database';

declare global {
  var __NPS_TEST_DB__: ThrowawayDatabase | undefined;
}
export {};
