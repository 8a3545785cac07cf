import type { Page } from 'playwright-core';

/** Signs in through the form with an API key and waits for the first view. */
export async function signIn(page: Page, baseUrl: string, key: string, route = ''): Promise<void> {
  await page.goto(`${baseUrl}/${route ? `#/${route}` : ''}`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
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
