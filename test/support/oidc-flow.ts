import request from 'supertest';
import type { TestApp } from './test-app';

type Agent = ReturnType<typeof request.agent>;

/** Cookies per host, enough for the provider's own pages. */
class Jar {
  private readonly cookies = new Map<string, Map<string, string>>();
  store(url: URL, headers: Headers): void {
    const host = this.cookies.get(url.host) ?? new Map<string, string>();
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      host.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
    this.cookies.set(url.host, host);
  }
  header(url: URL): string {
    return [...(this.cookies.get(url.host) ?? new Map()).entries()]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }
}

/**
 * Walks the authorization code flow as a browser would, without one: GET /auth/oidc/login on the
 * service (through `agent`, which keeps its cookies), the provider's development login and
 * consent forms (login = `email`), and back to the service's callback. Returns the callback's
 * answer.
 */
export async function ssoThroughProvider(test: TestApp, agent: Agent, email: string) {
  const start = await agent.get('/auth/oidc/login');
  if (start.status !== 302)
    throw new Error(`/auth/oidc/login answered ${start.status}: ${start.text}`);
  const jar = new Jar();
  let url = new URL(start.headers.location);
  for (let step = 0; step < 20; step += 1) {
    if (url.href.startsWith(test.config.publicUrl)) {
      return agent.get(url.pathname + url.search);
    }
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, response.headers);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url);
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt)
      throw new Error(`unexpected provider page (${response.status}): ${html.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      form.set('login', email);
      form.set('password', 'any');
    }
    const target = new URL(action.replace(/&amp;/g, '&'), url);
    const posted = await fetch(target, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(target), 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    jar.store(target, posted.headers);
    if (!posted.headers.get('location'))
      throw new Error(`provider form answered ${posted.status}: ${await posted.text()}`);
    url = new URL(posted.headers.get('location')!, target);
  }
  throw new Error('the sign-in flow did not come back to the service');
}
