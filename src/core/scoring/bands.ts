import { BANDS, type Band, type RuleSet } from './rule-set-schema.ts';

export function bandFor(score: number, bands: RuleSet['bands']): Band {
  if (score >= bands.ready) return 'ready';
  if (score >= bands.moderate) return 'moderate';
  if (score >= bands.elevated) return 'elevated';
  return 'high-risk';
}

export function lowerBand(a: Band, b: Band): Band {
  return BANDS.indexOf(a) <= BANDS.indexOf(b) ? a : b;
}
