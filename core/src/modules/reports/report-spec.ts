import type { LocalizedText } from '../../i18n/locale.js';

export const TIME_BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

export const AGGREGATE_FUNCTIONS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export const MAX_REPORT_ROWS = 10_000;
export const DEFAULT_REPORT_ROWS = 1000;

export interface ReportGroupBy {
  /** A field, a system column (`owner_id`, `created_at`…) or `reference.field` (one level). */
  field: string;
  bucket?: TimeBucket;
  as?: string;
}

export interface ReportAggregate {
  fn: AggregateFunction;
  /** Not needed for `count` (rows); with a field, `count` counts the rows where it has a value. */
  field?: string;
  /**
   * A duration: `field` minus `since` (both date-times or dates, e.g. resolved_at minus
   * created_at), in `unit` (hours by default); with avg, sum, min or max.
   */
  since?: string;
  unit?: DurationUnit;
  as?: string;
}

export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** What `POST /api/reports/query` takes (docs/reports.md). */
export interface ReportSpec {
  entity: string;
  filter?: unknown;
  groupBy?: ReportGroupBy[];
  aggregates?: ReportAggregate[];
  /** Column keys, `-` for descending: `-sum:total_amount,customer`. Default: the groups in order. */
  sort?: string;
  limit?: number;
  /** IANA time zone in which date-time fields are cut into buckets; default UTC. */
  timezone?: string;
  /** Also compute the aggregates over all matching records (default true). */
  totals?: boolean;
}

export type ReportValueKind = 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'reference';

export interface ReportColumn {
  key: string;
  role: 'group' | 'aggregate';
  /** The field (or path) it reads; absent for `count` of rows. */
  field?: string;
  /** The field's type (`x-crm-type`), or `system` for system columns. */
  fieldType?: string;
  bucket?: TimeBucket;
  fn?: AggregateFunction;
  kind: ReportValueKind;
  /** For references: the entity (or `user`, `department`) whose titles are returned. */
  ref?: string;
  label: LocalizedText;
}

export type ReportValue = string | number | boolean | null | { id: string; title: string | null };

export interface ReportResult {
  entity: string;
  columns: ReportColumn[];
  rows: Record<string, ReportValue>[];
  totals?: Record<string, ReportValue>;
  /** More groups matched than `limit`. */
  truncated: boolean;
}

const fieldPath = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,59}(\\.[a-z][a-z0-9_]{0,59})?$' } as const;
const alias = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,59}$' } as const;

/** Route schema of a report spec (shared by query, export and dashboard widgets). */
export const reportSpecSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['entity'],
  properties: {
    entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' },
    filter: { type: 'object' },
    groupBy: {
      type: 'array',
      maxItems: 4,
      items: { type: 'object', additionalProperties: false, required: ['field'], properties: { field: fieldPath, bucket: { enum: [...TIME_BUCKETS] }, as: alias } },
    },
    aggregates: {
      type: 'array',
      maxItems: 12,
      items: { type: 'object', additionalProperties: false, required: ['fn'], properties: { fn: { enum: [...AGGREGATE_FUNCTIONS] }, field: fieldPath, since: fieldPath, unit: { enum: [...DURATION_UNITS] }, as: alias } },
    },
    sort: { type: 'string', maxLength: 500 },
    limit: { type: 'integer', minimum: 1, maximum: MAX_REPORT_ROWS },
    timezone: { type: 'string', maxLength: 64 },
    totals: { type: 'boolean' },
  },
} as const;

export const AGGREGATE_LABELS: Record<AggregateFunction, LocalizedText> = {
  count: { 'zh-CN': '数量', en: 'Count', es: 'Cantidad' },
  count_distinct: { 'zh-CN': '去重计数', en: 'Distinct count', es: 'Recuento distinto' },
  sum: { 'zh-CN': '合计', en: 'Sum', es: 'Suma' },
  avg: { 'zh-CN': '平均', en: 'Average', es: 'Promedio' },
  min: { 'zh-CN': '最小', en: 'Minimum', es: 'Mínimo' },
  max: { 'zh-CN': '最大', en: 'Maximum', es: 'Máximo' },
};

export const BUCKET_LABELS: Record<TimeBucket, LocalizedText> = {
  day: { 'zh-CN': '日', en: 'day', es: 'día' },
  week: { 'zh-CN': '周', en: 'week', es: 'semana' },
  month: { 'zh-CN': '月', en: 'month', es: 'mes' },
  quarter: { 'zh-CN': '季度', en: 'quarter', es: 'trimestre' },
  year: { 'zh-CN': '年', en: 'year', es: 'año' },
};

export const SYSTEM_LABELS: Record<string, LocalizedText> = {
  id: { 'zh-CN': '编号', en: 'ID', es: 'ID' },
  version: { 'zh-CN': '版本', en: 'Version', es: 'Versión' },
  owner_id: { 'zh-CN': '负责人', en: 'Owner', es: 'Responsable' },
  department_id: { 'zh-CN': '部门', en: 'Department', es: 'Departamento' },
  created_by: { 'zh-CN': '创建人', en: 'Created by', es: 'Creado por' },
  updated_by: { 'zh-CN': '修改人', en: 'Updated by', es: 'Modificado por' },
  created_at: { 'zh-CN': '创建时间', en: 'Created at', es: 'Creado el' },
  updated_at: { 'zh-CN': '修改时间', en: 'Updated at', es: 'Modificado el' },
};
