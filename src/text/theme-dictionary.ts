import type { InputProblem } from '../common/app-error';
import { nulProblem } from '../common/input-text';
import { words } from './words';

/** Bounds of one environment's dictionary (docs/comment-analysis.md, "Themes"). */
export const MAX_THEMES = 100;
export const MAX_PATTERNS_PER_THEME = 50;
export const MAX_NAME_LENGTH = 100;
export const MAX_PATTERN_LENGTH = 100;
export const MAX_PATTERN_WORDS = 6;

export interface ThemeDraft {
  name: string;
  patterns: readonly string[];
}

/** A dictionary as it is stored: names trimmed, patterns trimmed, repeats of a pattern dropped. */
export function cleanDictionary(themes: readonly ThemeDraft[]): ThemeDraft[] {
  return themes.map((theme) => ({
    name: theme.name.trim(),
    patterns: [...new Set(theme.patterns.map((pattern) => pattern.trim().replace(/\s+/g, ' ')))],
  }));
}

/**
 * Every problem of a dictionary, each naming its field (`themes[2].patterns[0]`); empty when it
 * can be stored. Names are compared as the matcher compares words (case and accents aside).
 */
export function dictionaryProblems(themes: readonly ThemeDraft[]): InputProblem[] {
  const problems: InputProblem[] = [];
  if (themes.length > MAX_THEMES) {
    problems.push({
      field: 'themes',
      message: `themes holds ${themes.length} themes; at most ${MAX_THEMES} are allowed.`,
    });
    return problems;
  }
  const seen = new Map<string, number>();
  themes.forEach((theme, index) => {
    const field = `themes[${index}]`;
    const name = theme.name.trim();
    const nameProblem =
      name.length === 0
        ? 'must not be empty'
        : name.length > MAX_NAME_LENGTH
          ? `must be at most ${MAX_NAME_LENGTH} characters`
          : nulProblem(name);
    if (nameProblem)
      problems.push({ index, field: `${field}.name`, message: `name ${nameProblem}` });
    const key = name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    const first = seen.get(key);
    if (name.length > 0 && first !== undefined) {
      problems.push({
        index,
        field: `${field}.name`,
        message: `name "${name}" repeats the name of themes[${first}]; theme names must differ.`,
      });
    } else if (name.length > 0) seen.set(key, index);
    if (theme.patterns.length === 0 || theme.patterns.length > MAX_PATTERNS_PER_THEME) {
      problems.push({
        index,
        field: `${field}.patterns`,
        message: `patterns must hold 1 to ${MAX_PATTERNS_PER_THEME} patterns, got ${theme.patterns.length}.`,
      });
    }
    theme.patterns.slice(0, MAX_PATTERNS_PER_THEME).forEach((pattern, position) => {
      const problem = patternProblem(pattern);
      if (problem)
        problems.push({
          index,
          field: `${field}.patterns[${position}]`,
          message: `pattern ${problem}`,
        });
    });
  });
  return problems;
}

function patternProblem(pattern: string): string | null {
  const trimmed = pattern.trim();
  if (trimmed.length === 0) return 'must not be empty';
  if (trimmed.length > MAX_PATTERN_LENGTH)
    return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  const nul = nulProblem(trimmed);
  if (nul) return nul;
  const count = words(trimmed).length;
  if (count === 0) return `"${trimmed}" holds no word (letters or digits)`;
  if (count > MAX_PATTERN_WORDS)
    return `"${trimmed}" has ${count} words; at most ${MAX_PATTERN_WORDS}`;
  return null;
}
