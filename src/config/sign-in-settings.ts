import { EnvReader } from './env-reader';

/** Roles a member may be given by OIDC_DEFAULT_ROLE (INGEST is for API keys only). */
export const MEMBER_ROLES = ['ANALYST', 'ARCHITECT', 'ADMIN'] as const;
export type MemberRoleName = (typeof MEMBER_ROLES)[number];

export interface OidcSettings {
  readonly issuerUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Lower-cased email domains allowed to sign in; empty: any domain. */
  readonly allowedDomains: readonly string[];
  /**
   * Role given, in every environment, to a new member who signs in by SSO without an
   * invitation; null: only invited emails (or existing members) get in.
   */
  readonly defaultRole: MemberRoleName | null;
}

export interface SignInSettings {
  /** A session unused this long ends (SESSION_IDLE_DAYS). */
  readonly sessionIdleMs: number;
  /** A session ends this long after sign-in, however much it is used (SESSION_MAX_DAYS). */
  readonly sessionMaxMs: number;
  /** Failed sign-ins of one email within the window after which it answers 429. */
  readonly loginMaxFailures: number;
  /** Failed sign-ins from one IP address within the window after which it answers 429. */
  readonly loginMaxFailuresPerIp: number;
  readonly loginWindowMs: number;
  /** Cookies get `Secure` when PUBLIC_URL is https. */
  readonly secureCookies: boolean;
  /** Null: SSO is off (no "Sign in with SSO"). */
  readonly oidc: OidcSettings | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Sessions, sign-in throttling and OpenID Connect. OIDC_CLIENT_SECRET is a secret: a problem
 * names it, never its value.
 */
export function readSignInSettings(reader: EnvReader, publicUrl: string): SignInSettings {
  const idleDays = reader.integer('SESSION_IDLE_DAYS', 7, 1, 365);
  const maxDays = reader.integer('SESSION_MAX_DAYS', 30, 1, 3650);
  if (maxDays < idleDays)
    reader.refuse(
      `SESSION_MAX_DAYS=${maxDays} must be at least SESSION_IDLE_DAYS=${idleDays} (a session cannot end by age before it could end by idleness)`,
    );
  return {
    sessionIdleMs: idleDays * DAY_MS,
    sessionMaxMs: maxDays * DAY_MS,
    loginMaxFailures: reader.integer('LOGIN_MAX_FAILURES', 10, 1, 1000),
    loginMaxFailuresPerIp: reader.integer('LOGIN_MAX_FAILURES_PER_IP', 100, 1, 100_000),
    loginWindowMs: reader.integer('LOGIN_FAILURE_WINDOW_MINUTES', 15, 1, 24 * 60) * 60_000,
    secureCookies: publicUrl.startsWith('https:'),
    oidc: readOidc(reader),
  };
}

function readOidc(reader: EnvReader): OidcSettings | null {
  const issuerUrl = reader.text('OIDC_ISSUER_URL');
  const clientId = reader.text('OIDC_CLIENT_ID');
  const clientSecret = reader.secret('OIDC_CLIENT_SECRET', 1);
  const domains = reader.text('OIDC_ALLOWED_DOMAINS');
  const role = reader.text('OIDC_DEFAULT_ROLE');
  if (issuerUrl === undefined) {
    const stray = [
      clientId && 'OIDC_CLIENT_ID',
      clientSecret && 'OIDC_CLIENT_SECRET',
      domains && 'OIDC_ALLOWED_DOMAINS',
      role && 'OIDC_DEFAULT_ROLE',
    ].filter(Boolean);
    if (stray.length > 0)
      reader.refuse(`${stray.join(', ')} set without OIDC_ISSUER_URL: set it too, or unset them`);
    return null;
  }
  let valid = false;
  try {
    const url = new URL(issuerUrl);
    valid = (url.protocol === 'https:' || url.protocol === 'http:') && !url.username;
  } catch {
    // Reported below.
  }
  if (!valid)
    reader.refuse(
      'OIDC_ISSUER_URL must be the http(s) URL of the OpenID provider (its /.well-known/openid-configuration is read), without credentials',
    );
  if (clientId === undefined) reader.refuse('OIDC_CLIENT_ID is required with OIDC_ISSUER_URL');
  if (clientSecret === null) reader.refuse('OIDC_CLIENT_SECRET is required with OIDC_ISSUER_URL');
  const allowedDomains = (domains ?? '')
    .split(',')
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
    .filter((domain) => domain.length > 0);
  for (const domain of allowedDomains)
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$/.test(domain))
      reader.refuse(`OIDC_ALLOWED_DOMAINS: "${domain}" is not a domain such as example.com`);
  let defaultRole: MemberRoleName | null = null;
  if (role !== undefined && role.toLowerCase() !== 'none') {
    const upper = role.toUpperCase();
    if ((MEMBER_ROLES as readonly string[]).includes(upper)) defaultRole = upper as MemberRoleName;
    else reader.refuse(`OIDC_DEFAULT_ROLE="${role}" must be ANALYST, ARCHITECT, ADMIN or none`);
  }
  return {
    issuerUrl: issuerUrl.replace(/\/+$/, ''),
    clientId: clientId ?? '',
    clientSecret: clientSecret ?? '',
    allowedDomains,
    defaultRole,
  };
}
