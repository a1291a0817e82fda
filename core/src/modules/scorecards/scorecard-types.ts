import type { LocalizedText } from '../../i18n/locale.js';

export const INDICATOR_AGGREGATES = ['count', 'sum', 'avg', 'min', 'max', 'days_since_max'] as const;
export type IndicatorAggregate = (typeof INDICATOR_AGGREGATES)[number];

/** A value from the record's history: an aggregate over related records that point at it. */
export interface HistorySource {
  entity: string;
  /** The related entity's reference field that points at the scored record. */
  via: string;
  aggregate: IndicatorAggregate;
  /** Needed by all but `count`; `days_since_max` takes a date or date-time field. */
  field?: string;
  filter?: unknown;
  /** Only related records created (or dated, with `dateField`) in the last N days. */
  windowDays?: number;
  dateField?: string;
}

export type IndicatorSource =
  | { kind: 'field'; field: string }
  | ({ kind: 'history' } & HistorySource)
  /** numerator / denominator (e.g. orders paid on time / all orders); empty when the denominator is 0. */
  | { kind: 'ratio'; numerator: HistorySource; denominator: HistorySource };

/** Points for a value: the first band it falls in (min inclusive, max exclusive), or a choice's points. */
export type IndicatorScoring =
  | { bands: { min?: number; max?: number; points: number }[] }
  | { linear: { from: number; to: number } }
  | { choices: Record<string, number> };

export interface Indicator {
  key: string;
  label: LocalizedText;
  weight: number;
  source: IndicatorSource;
  scoring: IndicatorScoring;
  /** Points when the value is missing (no field value, no history); default 0. */
  missingPoints?: number;
}

export interface RatingThreshold {
  rating: string;
  label: LocalizedText;
  /** The lowest weighted score (0…100) that earns the rating; thresholds are tried highest first. */
  minScore: number;
}

export interface ScorecardDefinition {
  indicators: Indicator[];
  thresholds: RatingThreshold[];
  /** The field of the scored record that receives the rating (through the records service). */
  ratingField: string;
  /** Optionally, a decimal or integer field that receives the score. */
  scoreField?: string;
}
