import { createHmac } from 'node:crypto';
import {
  EmbedTokenError,
  looksLikeEmbedToken,
  signEmbedToken,
  verifyEmbedToken,
} from './embed-token';

const SECRET = 'x'.repeat(40);
const NOW = 1_800_000_000;
const claims = {
  env: '7',
  view: 'OVERVIEW' as const,
  filter: [{ property: 'plan', equals: 'pro' }],
  exp: NOW + 600,
};

function problemOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return (error as EmbedTokenError).problem;
  }
  return null;
}

describe('embed tokens', () => {
  it('round-trip their claims as a standard HS256 JWT', () => {
    const token = signEmbedToken(claims, SECRET, NOW);
    expect(looksLikeEmbedToken(token)).toBe(true);
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    // The signature is HMAC-SHA256 over "header.payload", checked independently here.
    expect(signature).toBe(
      createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url'),
    );
    expect(verifyEmbedToken(token, SECRET, NOW)).toMatchObject({ ...claims, iat: NOW });
  });

  it('are refused once expired', () => {
    const token = signEmbedToken(claims, SECRET, NOW);
    expect(problemOf(() => verifyEmbedToken(token, SECRET, NOW + 600))).toBe('expired');
  });

  it('are refused when tampered with or signed with another secret', () => {
    const token = signEmbedToken(claims, SECRET, NOW);
    const [header, , signature] = token.split('.');
    const lifted = Buffer.from(
      JSON.stringify({ ...claims, filter: [], iat: NOW, jti: 'x' }),
    ).toString('base64url');
    expect(problemOf(() => verifyEmbedToken(`${header}.${lifted}.${signature}`, SECRET, NOW))).toBe(
      'signature',
    );
    expect(problemOf(() => verifyEmbedToken(token, 'y'.repeat(40), NOW))).toBe('signature');
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(problemOf(() => verifyEmbedToken(`${none}.${lifted}.`, SECRET, NOW))).not.toBeNull();
  });

  it('are told apart from API keys', () => {
    expect(looksLikeEmbedToken('nps_abcdef')).toBe(false);
  });
});
