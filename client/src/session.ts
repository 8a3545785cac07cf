import type { EmbedView, UserPropertyCondition } from './generated/graphql';

const KEY_STORAGE = 'nps.apiKey';
const ENVIRONMENT_STORAGE = 'nps.environmentId';

export const EMBED_VIEWS: EmbedView[] = [
  'OVERVIEW',
  'ENGAGEMENT',
  'DRIVERS',
  'SEGMENTS',
  'RESPONSES',
  'COMMENTS',
];

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function storedKey(): string | null {
  return storage()?.getItem(KEY_STORAGE) ?? null;
}

export function storeKey(key: string | null): void {
  const store = storage();
  if (!store) return;
  if (key) store.setItem(KEY_STORAGE, key);
  else {
    store.removeItem(KEY_STORAGE);
    store.removeItem(ENVIRONMENT_STORAGE);
  }
}

export function storedEnvironmentId(): string | null {
  return storage()?.getItem(ENVIRONMENT_STORAGE) ?? null;
}

export function storeEnvironmentId(id: string): void {
  storage()?.setItem(ENVIRONMENT_STORAGE, id);
}

/** What an embed link's token says (read without verifying: the server verifies every request). */
export interface EmbedClaims {
  token: string;
  env: string;
  view: EmbedView;
  filter: UserPropertyCondition[];
  exp: number;
}

function base64UrlDecode(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function decodeEmbedToken(token: string): EmbedClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(base64UrlDecode(parts[1])) as Partial<EmbedClaims> & {
      filter?: unknown;
    };
    if (typeof payload.env !== 'string' && typeof payload.env !== 'number') return null;
    const view = EMBED_VIEWS.includes(payload.view as EmbedView)
      ? (payload.view as EmbedView)
      : 'OVERVIEW';
    const rawFilter = payload.filter as unknown;
    const filter = Array.isArray(rawFilter)
      ? (rawFilter as UserPropertyCondition[])
      : rawFilter && Array.isArray((rawFilter as { conditions?: unknown }).conditions)
        ? (rawFilter as { conditions: UserPropertyCondition[] }).conditions
        : [];
    return {
      token,
      env: String(payload.env),
      view,
      filter,
      exp: typeof payload.exp === 'number' ? payload.exp : 0,
    };
  } catch {
    return null;
  }
}

/** The token of an embed link: `/embed?token=<jwt>`. */
export function embedTokenFromLocation(location: Location): string | null {
  const token = new URLSearchParams(location.search).get('token');
  return token && token.trim() ? token.trim() : null;
}

export interface Theme {
  mode: 'light' | 'dark' | null;
  accent: string | null;
}

/** Unsigned theme options in the fragment: `#theme=dark&accent=%23cc79a7`. */
export function themeFromHash(hash: string): Theme {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const mode = params.get('theme');
  const accent = params.get('accent');
  return {
    mode: mode === 'dark' || mode === 'light' ? mode : null,
    accent: accent && /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(accent) ? accent : null,
  };
}

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function contrastText(hex: string): string {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (digit) => digit + digit) : hex;
  const channels = [1, 3, 5].map((start) => {
    const value = parseInt(full.slice(start, start + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  return luminance > 0.179 ? '#0b1117' : '#ffffff';
}

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme.mode) root.dataset.theme = theme.mode;
  if (theme.accent) {
    root.style.setProperty('--accent', theme.accent);
    root.style.setProperty('--focus', theme.accent);
    root.style.setProperty('--accent-contrast', contrastText(theme.accent));
  }
}
