import type { EnvironmentInfoFragment, Role, UserPropertyCondition } from './generated/graphql';
import type { Controls, ResolvedRange } from './range';
import type { ViewName } from './types';

/** What every view gets from the shell. */
export interface ViewContext {
  env: EnvironmentInfoFragment;
  controls: Controls;
  setControls: (next: Controls) => void;
  range: ResolvedRange;
  /** The caller's own conditions (embed links add their locked ones on the server). */
  filter: UserPropertyCondition[];
  mode: 'standalone' | 'embed';
  /** The key's role (`viewer { role }`); null in embed links, which only read. */
  role: Role | null;
  /** ADMIN/ARCHITECT in standalone mode: may open the Source view and mint embed links. */
  canConfigure: boolean;
  goTo: (view: ViewName) => void;
}
