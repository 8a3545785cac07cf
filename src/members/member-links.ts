/** Dashboard addresses of one-time links; the token rides in the fragment, never sent to a server log. */
export type MemberLinkKind = 'invitation' | 'reset' | 'setup';

export function memberLink(publicUrl: string, kind: MemberLinkKind, token: string): string {
  return `${publicUrl}/#${kind}=${token}`;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

/** A short email with one link, as text and HTML. */
export function linkEmail(paragraphs: string[], action: string, url: string) {
  return {
    text: `${paragraphs.join('\n\n')}\n\n${action}: ${url}\n`,
    html:
      paragraphs.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
      `<p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>`,
  };
}
