import type { Controls, ResolvedRange } from './range';
import type { Condition, Environment, Role, ViewName } from './types';

/** What every view gets from the shell. */
export interface ViewContext {
  env: Environment;
  controls: Controls;
  setControls: (next: Controls) => void;
  range: ResolvedRange;
  /** The caller's own conditions (embed links add their locked ones on the server). */
  filter: Condition[];
  mode: 'standalone' | 'embed';
  role: Role | null;
  /** ADMIN/ARCHITECT in standalone mode: may open the Source view and mint embed links. */
  canConfigure: boolean;
  goTo: (view: ViewName) => void;
}
