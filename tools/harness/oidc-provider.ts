import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface LocalOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts tools/harness/oidc-provider.mjs (a real oidc-provider) as its own Node process, with one
 * client whose redirect URI is `redirectUri`, and resolves once it listens.
 */
export async function startOidcProvider(
  redirectUri: string,
  options: { emailVerified?: boolean } = {},
): Promise<LocalOidcProvider> {
  const clientId = 'nps-analytics';
  const clientSecret = 'test-client-secret-0123456789abcdef';
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_EMAIL_VERIFIED: options.emailVerified === false ? 'false' : 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) =>
      reject(new Error(`the OpenID provider exited (${code}) before listening: ${stderr}`)),
    );
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
