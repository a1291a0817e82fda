import type { Indicator, RatingThreshold, ScorecardDefinition } from './scorecard-types.js';

export interface IndicatorResult {
  value: number | string | null;
  points: number;
  weight: number;
}

export interface Evaluation {
  score: number;
  rating: string;
  indicators: Record<string, IndicatorResult>;
}

/** Points 0…100 for one indicator's value; a missing value earns `missingPoints` (default 0). */
export function pointsFor(indicator: Indicator, raw: string | null): { value: number | string | null; points: number } {
  const missing = indicator.missingPoints ?? 0;
  if (raw === null) return { value: null, points: missing };
  const scoring = indicator.scoring;
  if ('choices' in scoring) return { value: raw, points: clamp(scoring.choices[raw] ?? missing) };
  const value = Number(raw);
  if (!Number.isFinite(value)) return { value: null, points: missing };
  if ('linear' in scoring) {
    const { from, to } = scoring.linear;
    return { value, points: round2(clamp(((value - from) / (to - from)) * 100)) };
  }
  const band = scoring.bands.find((b) => (b.min === undefined || value >= b.min) && (b.max === undefined || value < b.max));
  return { value, points: clamp(band?.points ?? missing) };
}

/** The weighted score (0…100, two decimals) and the rating of the highest threshold it reaches. */
export function evaluate(definition: ScorecardDefinition, values: (string | null)[]): Evaluation {
  const indicators: Record<string, IndicatorResult> = {};
  let weighted = 0;
  let weights = 0;
  definition.indicators.forEach((indicator, i) => {
    const { value, points } = pointsFor(indicator, values[i] ?? null);
    indicators[indicator.key] = { value, points, weight: indicator.weight };
    weighted += points * indicator.weight;
    weights += indicator.weight;
  });
  const score = round2(weights ? weighted / weights : 0);
  return { score, rating: ratingFor(definition.thresholds, score), indicators };
}

export function ratingFor(thresholds: RatingThreshold[], score: number): string {
  const ordered = [...thresholds].sort((a, b) => b.minScore - a.minScore);
  return (ordered.find((t) => score >= t.minScore) ?? ordered.at(-1)!).rating;
}

function clamp(points: number): number {
  return Math.min(100, Math.max(0, points));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
