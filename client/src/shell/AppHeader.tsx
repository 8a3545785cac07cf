import type { EnvironmentInfoFragment, Role } from '../generated/graphql';
import { EnvironmentPicker } from './EnvironmentPicker';

/** Brand, environment, and (standalone) the key's role and Sign out. */
export function AppHeader({
  mode,
  environment,
  environments,
  onEnvironment,
  role,
  onSignOut,
  memberEmail,
}: {
  mode: 'standalone' | 'embed';
  environment: EnvironmentInfoFragment;
  environments: EnvironmentInfoFragment[];
  onEnvironment?: (id: string) => void;
  role: Role | null;
  onSignOut?: () => void;
  /** A signed-in member's email, shown beside their role. */
  memberEmail?: string;
}) {
  return (
    <header class="app-header">
      <div class="brand">
        <span class="brand-mark" aria-hidden="true">
          ◔
        </span>
        <span class="brand-name">NPS analytics</span>
        {mode === 'embed' && <span class="badge">Read-only</span>}
      </div>
      <EnvironmentPicker
        environment={environment}
        environments={environments}
        onEnvironment={mode === 'standalone' ? onEnvironment : undefined}
      />
      {mode === 'standalone' && (
        <div class="header-end">
          {memberEmail && (
            <span class="muted small member-email" data-testid="member-email">
              {memberEmail}
            </span>
          )}
          {role && (
            <span class="badge" data-testid="role">
              {role}
            </span>
          )}
          <button type="button" class="button button-quiet" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}
