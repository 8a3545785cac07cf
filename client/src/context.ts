import type { EnvironmentInfoFragment, Role, UserPropertyCondition } from './generated/graphql';
import type { Controls, ResolvedRange } from './range';
import type { ViewName } from './types';

/** Settings to change: a value, several (a repeated parameter), or null to drop it. */
export type SettingsPatch = Record<string, string | string[] | null>;

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
  /** The signed-in member (cookie session); null for API keys and embed links. */
  member?: { id: string; email: string; name: string; owner: boolean } | null;
  /** ADMIN/ARCHITECT in standalone mode: may open the Source view and mint embed links. */
  canConfigure: boolean;
  goTo: (view: ViewName) => void;
  /**
   * The view's own settings (segment, search, window, …), kept with the controls and filter in
   * the address (standalone), so a copied link, a reload and the back button show the same.
   */
  settings: URLSearchParams;
  /** A new history entry with the patched settings; `replace` rewrites the current one. */
  setSettings: (patch: SettingsPatch, options?: { replace?: boolean }) => void;
}
