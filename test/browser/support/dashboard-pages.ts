import type { Page } from 'playwright-core';

/** Fills "Use an API key" on the sign-in page (opening it first) and submits it. */
export async function submitApiKey(page: Page, key: string): Promise<void> {
  const section = page.locator('details.api-key-sign-in');
  if (!(await section.evaluate((element) => (element as unknown as { open: boolean }).open)))
    await page.getByText('Use an API key').click();
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in with the key' }).click();
}

/** Signs in through the form with an API key and waits for the first view. */
export async function signIn(page: Page, baseUrl: string, key: string, route = ''): Promise<void> {
  await page.goto(`${baseUrl}/${route ? `#/${route}` : ''}`);
  await submitApiKey(page, key);
  await page.locator('main[data-view]').waitFor();
}

/** Signs in as a member with email and password and waits for the first view. */
export async function signInAsMember(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.locator('main[data-view]').waitFor();
}

/**
 * Opens an embed link as a host page's iframe would: `/embed?token=<jwt>` with the theme options
 * in the fragment. For the embed-link tests (the server mints and verifies the tokens).
 */
export async function openEmbed(
  page: Page,
  baseUrl: string,
  token: string,
  theme: { theme?: 'light' | 'dark'; accent?: string } = {},
): Promise<void> {
  const fragment = new URLSearchParams(
    Object.entries(theme).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  await page.goto(
    `${baseUrl}/embed?token=${encodeURIComponent(token)}${fragment ? `#${fragment}` : ''}`,
  );
}
