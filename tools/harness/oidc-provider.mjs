// A real OpenID provider (the oidc-provider package, ESM-only, hence its own Node process) for
// tests: one confidential client, PKCE required, the package's development login and consent
// pages (any login is accepted; the login becomes the subject and the email address).
// Env: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_EMAIL_VERIFIED (default true).
// Prints one JSON line {"issuer": "..."} once it listens on a free 127.0.0.1 port.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID,
      client_secret: process.env.OIDC_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  cookies: { keys: ['test-provider-cookie-key-0123456789'] },
  async findAccount(_ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        const local = sub.split('@')[0];
        return {
          sub,
          email: sub,
          email_verified: process.env.OIDC_EMAIL_VERIFIED !== 'false',
          name: local.charAt(0).toUpperCase() + local.slice(1),
        };
      },
    };
  },
});
// Quiet: the development pages warn on every start.
provider.on('server_error', (_ctx, error) => process.stderr.write(`${error.stack}\n`));
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
