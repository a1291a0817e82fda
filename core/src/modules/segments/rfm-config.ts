import type { LocalizedText } from '../../i18n/locale.js';

/** Where the orders are and which of their fields count. */
export interface RfmOrderSource {
  entity: string;
  customerField: string;
  dateField: string;
  amountField: string;
  /** Records filter on the orders (e.g. leave cancelled ones out). */
  filter?: unknown;
}

export type RfmBins =
  /** Scores 1…count by rank among the scored customers (ties share a score). */
  | { method: 'quantile'; count: number }
  /**
   * Scores by fixed limits, ascending. Recency: days since the last order, at most `recency[0]`
   * scores highest. Frequency and monetary: at least `limits[i]` scores i + 2.
   */
  | { method: 'thresholds'; recency: number[]; frequency: number[]; monetary: string[] };

export interface RfmSegmentRule {
  name: string;
  label: LocalizedText;
  /** Inclusive score ranges [min, max]; a missing one matches any score. */
  r?: [number, number];
  f?: [number, number];
  m?: [number, number];
}

export interface RfmTier {
  name: string;
  label: LocalizedText;
  /** Customers whose monetary value (sum in the window) is at least this; tiers are tried highest first. */
  minMonetary: string;
}

export interface RfmConfig {
  orders: RfmOrderSource;
  /** Orders dated in the last `windowDays` days up to `asOf` count. */
  windowDays: number;
  /** Date (YYYY-MM-DD) the model is computed at; default: the day of the run (UTC). */
  asOf?: string;
  bins: RfmBins;
  /** Tried in order; the first that matches names the segment. Default: DEFAULT_SEGMENTS. */
  segments?: RfmSegmentRule[];
  tiers?: RfmTier[];
  /** Customer fields the run writes (through the records service), so lists, groups and rules can use them. */
  fields?: { segment?: string; tier?: string; score?: string };
}

const l = (zh: string, en: string, es: string): LocalizedText => ({ 'zh-CN': zh, en, es });

/** For five bins; with another count, the limits scale to it. */
export const DEFAULT_SEGMENTS: RfmSegmentRule[] = [
  { name: 'champions', label: l('重要价值客户', 'Champions', 'Campeones'), r: [4, 5], f: [4, 5] },
  { name: 'loyal', label: l('忠诚客户', 'Loyal', 'Leales'), r: [3, 5], f: [3, 5] },
  { name: 'new', label: l('新客户', 'New', 'Nuevos'), r: [4, 5], f: [1, 2] },
  { name: 'at_risk', label: l('流失风险客户', 'At risk', 'En riesgo'), r: [1, 2], f: [3, 5] },
  { name: 'lost', label: l('已流失客户', 'Lost', 'Perdidos'), r: [1, 1], f: [1, 2] },
  { name: 'hibernating', label: l('沉睡客户', 'Hibernating', 'Hibernando'), r: [2, 2], f: [1, 2] },
  { name: 'need_attention', label: l('需关注客户', 'Needs attention', 'Requieren atención') },
];

export const DEFAULT_ORDER_SOURCE: RfmOrderSource = { entity: 'order', customerField: 'customer', dateField: 'order_date', amountField: 'total_amount' };

export function binCount(bins: RfmBins): number {
  return bins.method === 'quantile' ? bins.count : bins.recency.length + 1;
}

/** The default rules scaled from five bins to `count`. */
export function scaledSegments(rules: RfmSegmentRule[], count: number): RfmSegmentRule[] {
  if (count === 5) return rules;
  const scale = (range: [number, number] | undefined): [number, number] | undefined =>
    range && [Math.max(1, Math.ceil((range[0] * count) / 5)), Math.max(1, Math.ceil((range[1] * count) / 5))];
  return rules.map((rule) => {
    const scaled: RfmSegmentRule = { name: rule.name, label: rule.label };
    const r = scale(rule.r), f = scale(rule.f), m = scale(rule.m);
    if (r) scaled.r = r;
    if (f) scaled.f = f;
    if (m) scaled.m = m;
    return scaled;
  });
}
