import type { NpsSegment } from './generated/graphql';

/** Okabe–Ito (colour-blind safe); passives neutral grey. Text labels always accompany colour. */
export const SEGMENT_COLORS: Record<NpsSegment, string> = {
  PROMOTER: '#009E73',
  PASSIVE: '#9A9A9A',
  DETRACTOR: '#D55E00',
};

export const SEGMENT_LABELS: Record<NpsSegment, string> = {
  PROMOTER: 'Promoters',
  PASSIVE: 'Passives',
  DETRACTOR: 'Detractors',
};

export const SEGMENT_SINGULAR: Record<NpsSegment, string> = {
  PROMOTER: 'Promoter',
  PASSIVE: 'Passive',
  DETRACTOR: 'Detractor',
};

export const SEGMENTS: NpsSegment[] = ['PROMOTER', 'PASSIVE', 'DETRACTOR'];

export const SERIES_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];
export const UNKNOWN_COLOR = '#8C8C8C';

/** Buckets with fewer responses than this are drawn as uncertain. */
export const UNCERTAIN_N = 30;

export function segmentOfScore(score: number): NpsSegment {
  return score >= 9 ? 'PROMOTER' : score >= 7 ? 'PASSIVE' : 'DETRACTOR';
}
