import { stemWord } from './stem';
import { ThemeMatcher } from './theme-matcher';
import { words } from './words';

/**
 * Words that carry no theme on their own: a suggestion neither is one nor starts or ends with
 * one. English function words and the words every NPS comment uses.
 */
const FILLER = new Set(
  `a about above after again all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further
  had has have having he her here hers him his how i if in into is it its itself just me more
  most my no nor not of off on once only or other our ours out over own same she should so some
  such than that the their theirs them then there these they this those through to too under
  until up very was we were what when where which while who whom why will with would you your
  yours get got really much many thing things lot lots make made use using used app product
  tool it's i'm don't can't would've i've you're they're that's there's isn't doesn't dont im
  one like even still always never ever well good great bad love hate ok okay`
    .split(/\s+/)
    .filter(Boolean),
);

export interface PhraseCount {
  /** The form seen most often, e.g. "dark mode". */
  phrase: string;
  detractors: number;
  promoters: number;
}

export interface SuggestionComment {
  comment: string;
  segment: 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';
}

/**
 * Words and two- or three-word phrases of detractors' comments that no theme's pattern matches,
 * by the number of detractor comments holding them (then promoters, fewer first), each counted
 * once per comment. Phrases whose stems match a theme pattern are left out, as are those made
 * of filler or digits only.
 */
export function phraseSuggestions(
  comments: readonly SuggestionComment[],
  matcher: ThemeMatcher,
  first: number,
  minDetractors = 2,
): PhraseCount[] {
  const counts = new Map<
    string,
    { detractors: number; promoters: number; forms: Map<string, number> }
  >();
  for (const { comment, segment } of comments) {
    if (segment === 'PASSIVE') continue;
    const seen = new Set<string>();
    const list = words(comment);
    for (let start = 0; start < list.length; start++) {
      for (let length = 1; length <= 3 && start + length <= list.length; length++) {
        const gram = list.slice(start, start + length);
        if (FILLER.has(gram[0]) || FILLER.has(gram[gram.length - 1])) continue;
        if (gram.every((word) => /^\p{N}+$/u.test(word) || word.length < 3)) continue;
        const key = gram.map(stemWord).join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        const entry = counts.get(key) ?? { detractors: 0, promoters: 0, forms: new Map() };
        if (segment === 'DETRACTOR') entry.detractors++;
        else entry.promoters++;
        const form = gram.join(' ');
        entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
        counts.set(key, entry);
      }
    }
  }
  const ranked = [...counts.values()]
    .filter((entry) => entry.detractors >= minDetractors)
    .map((entry) => ({
      phrase: [...entry.forms.entries()].sort(
        (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
      )[0][0],
      detractors: entry.detractors,
      promoters: entry.promoters,
    }))
    .filter((entry) => matcher.mentions(entry.phrase).length === 0)
    .sort(
      (a, b) =>
        b.detractors - a.detractors ||
        a.promoters - b.promoters ||
        b.phrase.split(' ').length - a.phrase.split(' ').length ||
        (a.phrase < b.phrase ? -1 : 1),
    );
  // A phrase inside a longer one found as often says nothing more: keep the longer.
  const kept: PhraseCount[] = [];
  for (const entry of ranked) {
    if (kept.length >= first) break;
    const covered = kept.some(
      (other) =>
        other.detractors === entry.detractors && ` ${other.phrase} `.includes(` ${entry.phrase} `),
    );
    if (!covered) kept.push(entry);
  }
  return kept;
}
