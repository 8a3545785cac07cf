/**
 * Why a connection to DATABASE_URL failed, said so that the person starting the service knows
 * what to change: the server, port, database and user it tried (never the password) and what
 * the driver's error means.
 */
export function describeConnectionFailure(databaseUrl: string, error: unknown): string {
  const target = connectionTarget(databaseUrl);
  const where = `PostgreSQL at ${target.host}:${target.port}, database "${target.database}", user "${target.user}"`;
  const code = errorCode(error);
  const reason = REASONS[code ?? ''] ?? `the connection failed (${code ?? firstLine(error)})`;
  const advice =
    ADVICE[code ?? ''] ?? 'Check DATABASE_URL, or unset it to use the embedded PostgreSQL.';
  return `DATABASE_URL: cannot connect to ${where}: ${reason}. ${advice}`;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections on that port',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ETIMEDOUT: 'the server did not answer in time',
  EHOSTUNREACH: 'the host cannot be reached',
  ECONNRESET: 'the server closed the connection',
  '3D000': 'that database does not exist',
  '28P01': 'the password was refused',
  '28000': 'the server refused this user or client',
  '57P03': 'the server is starting up or shutting down',
};

const ADVICE: Record<string, string> = {
  ECONNREFUSED:
    'Start PostgreSQL there, fix the host or port in DATABASE_URL, or unset DATABASE_URL to use the embedded PostgreSQL.',
  ENOTFOUND: 'Fix the host in DATABASE_URL.',
  '3D000':
    'Create it first (e.g. `createdb -h <host> -p <port> -U <user> <database>`) or name an existing database in DATABASE_URL.',
  '28P01': 'Fix the user name or password in DATABASE_URL.',
  '28000': "Fix the user in DATABASE_URL, or allow it in the server's pg_hba.conf.",
  '57P03': 'Wait until the server is up, then start the service again.',
};

function connectionTarget(databaseUrl: string): {
  host: string;
  port: string;
  database: string;
  user: string;
} {
  try {
    const url = new URL(databaseUrl);
    return {
      host: url.hostname || 'localhost',
      port: url.port || '5432',
      database:
        decodeURIComponent(url.pathname.replace(/^\//, '')) ||
        decodeURIComponent(url.username) ||
        'postgres',
      user: decodeURIComponent(url.username) || 'the default user',
    };
  } catch {
    return { host: '?', port: '?', database: '?', user: '?' };
  }
}

function errorCode(error: unknown): string | null {
  const seen = new Set<unknown>();
  let current = error;
  // AggregateError (one attempt per resolved address) and wrapped errors carry the code inside.
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    const inner =
      (current as { errors?: unknown[] }).errors?.[0] ?? (current as { cause?: unknown }).cause;
    current = inner;
  }
  return null;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] || 'no reason given';
}
