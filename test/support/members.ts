import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../src/auth/role';
import { MembersService } from '../../src/members/members.service';
import type { TestApp } from './test-app';

export type Agent = ReturnType<typeof request.agent>;

export const PASSWORD = 'violet-harbour-lantern';

/** A unique email, so spec files sharing the run's database never meet. */
export function uniqueEmail(name = 'member'): string {
  return `${name}-${randomBytes(4).toString('hex')}@example.com`;
}

/** A unique client address (X-Forwarded-For; the service trusts its proxy), for throttling. */
export function uniqueIp(): string {
  const bytes = randomBytes(3);
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

/** Creates a member directly (the accounts service), for tests about what members may do. */
export async function createMember(
  test: TestApp,
  input: { email?: string; owner?: boolean; roles?: Record<string, Role>; password?: string } = {},
) {
  const email = input.email ?? uniqueEmail();
  const member = await test.app.get(MembersService).create({
    email,
    name: email.split('@')[0],
    password: input.password ?? PASSWORD,
    owner: input.owner ?? false,
    roles: input.roles,
  });
  return { id: member.id, email, password: input.password ?? PASSWORD };
}

/** A cookie-keeping agent signed in over POST /auth/login. */
export async function signIn(
  test: TestApp,
  email: string,
  password = PASSWORD,
  ip = uniqueIp(),
): Promise<Agent> {
  const agent = request.agent(test.app.getHttpServer());
  const response = await agent
    .post('/auth/login')
    .set('x-forwarded-for', ip)
    .send({ email, password });
  if (response.status !== 200)
    throw new Error(`sign-in of ${email} answered ${response.status}: ${response.text}`);
  return agent;
}

/** One GraphQL operation through an agent (its cookie, no bearer key). */
export async function gqlAs<T = Record<string, unknown>>(
  agent: Agent,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{
  status: number;
  data: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}> {
  const response = await agent
    .post('/graphql')
    .set('content-type', 'application/json')
    .send({ query, variables });
  return { status: response.status, ...response.body };
}
