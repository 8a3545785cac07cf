/** Who did something, as the audit log keeps it (never a secret: ids, emails, key names). */
export interface AuditActor {
  kind: 'member' | 'api-key' | 'bootstrap' | 'embed' | 'anonymous';
  id: string | null;
  label: string;
}

/** The actions the log knows; later features add theirs here. */
export type AuditAction =
  | 'api_key.create'
  | 'api_key.revoke'
  | 'embed_link.create'
  | 'source.connect'
  | 'source.disconnect'
  | 'email_property.set'
  | 'import.run'
  | 'member.create'
  | 'member.invite'
  | 'member.invitation_revoke'
  | 'member.join'
  | 'member.role_change'
  | 'member.remove'
  | 'member.password_reset_create'
  | 'member.password_change'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.login_throttled'
  | 'auth.logout'
  | 'auth.logout_everywhere'
  | 'auth.sso_login'
  | 'auth.sso_refused'
  | 'auth.setup'
  | 'alert_rule.create'
  | 'alert_rule.update'
  | 'alert_rule.delete'
  | 'account_property.set'
  | 'breakdown_properties.set'
  | 'themes.set';

export interface AuditRecord {
  actor: AuditActor;
  action: AuditAction;
  /** What it was done to, e.g. `api_key:<id>`, `member:<id>`, `environment:<id>`. */
  target?: string | null;
  environmentId?: string | null;
  /** Plain facts (role, name, counts); never a secret, token or password. */
  details?: Record<string, unknown>;
  ip?: string | null;
}

export const ANONYMOUS: AuditActor = { kind: 'anonymous', id: null, label: 'anonymous' };
