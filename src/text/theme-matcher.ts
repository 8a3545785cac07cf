import { stems } from './words';

/** One theme of an environment's dictionary, as stored. */
export interface ThemeDefinition {
  id: string;
  name: string;
  patterns: readonly string[];
}

interface CompiledPattern {
  themeId: string;
  stems: string[];
}

/**
 * Finds which themes a comment mentions (docs/comment-analysis.md, "Matching"): a pattern
 * matches when its words' stems occur as consecutive words of the comment, in order. Built once
 * per dictionary, then used for every comment of a batch.
 */
export class ThemeMatcher {
  /** Patterns by the stem of their first word, so a comment is read once. */
  private readonly byFirstStem = new Map<string, CompiledPattern[]>();

  constructor(themes: readonly ThemeDefinition[]) {
    for (const theme of themes) {
      for (const pattern of theme.patterns) {
        const patternStems = stems(pattern);
        if (patternStems.length === 0) continue;
        const list = this.byFirstStem.get(patternStems[0]) ?? [];
        list.push({ themeId: theme.id, stems: patternStems });
        this.byFirstStem.set(patternStems[0], list);
      }
    }
  }

  get empty(): boolean {
    return this.byFirstStem.size === 0;
  }

  /** The ids of the themes the comment mentions, each once, in dictionary order of first match. */
  mentions(comment: string | null): string[] {
    if (comment === null || this.empty) return [];
    const commentStems = stems(comment);
    const found = new Set<string>();
    for (let index = 0; index < commentStems.length; index++) {
      const candidates = this.byFirstStem.get(commentStems[index]);
      if (!candidates) continue;
      for (const candidate of candidates) {
        if (found.has(candidate.themeId)) continue;
        if (startsAt(commentStems, index, candidate.stems)) found.add(candidate.themeId);
      }
    }
    return [...found];
  }
}

function startsAt(text: readonly string[], index: number, pattern: readonly string[]): boolean {
  if (index + pattern.length > text.length) return false;
  for (let offset = 1; offset < pattern.length; offset++) {
    if (text[index + offset] !== pattern[offset]) return false;
  }
  return true;
}
