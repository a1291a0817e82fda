import { sql, type RawBuilder } from 'kysely';
import { CrmError } from '../../errors/crm-error.js';
import type { LocalizedText } from '../../i18n/locale.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { readPermission, scopeSql, visibleModel } from '../records/record-access.js';
import { fieldExpression, resolveColumn, type ColumnRef } from '../records/field-sql.js';
import { buildFilterSql, type FilterContext } from '../records/record-filter.js';
import { recordTable } from '../records/record-table.js';
import type { RecordActor } from '../records/record-types.js';
import {
  AGGREGATE_LABELS, BUCKET_LABELS, DEFAULT_REPORT_ROWS, SYSTEM_LABELS,
  type ReportAggregate, type ReportColumn, type ReportGroupBy, type ReportSpec, type ReportValueKind,
} from './report-spec.js';

export interface ReportSql {
  columns: ReportColumn[];
  rows: RawBuilder<Record<string, string | null>>;
  totals: RawBuilder<Record<string, string | null>> | undefined;
  limit: number;
}

const USER_COLUMNS = new Set(['owner_id', 'created_by', 'updated_by']);
const TIME_TYPES = new Set(['date', 'datetime']);

interface GroupPart {
  column: ReportColumn;
  select: RawBuilder<unknown>;
  cte?: RawBuilder<unknown>;
  join?: RawBuilder<unknown>;
}

/**
 * The SQL of a report, over what the actor may read: the entity view without hidden fields (so a
 * hidden field is unknown here too), the record scope as a condition, the records filter language.
 * Groups are computed in an inner query with their real types (so sorts are numeric or by date),
 * the outer query sorts and returns text, so decimals stay exact.
 */
export function buildReportSql(
  registry: DefinitionRegistry, model: EntityModel, scope: RawBuilder<unknown> | undefined,
  spec: ReportSpec, actor: RecordActor, context: FilterContext,
): ReportSql {
  const timezone = checkTimezone(spec.timezone ?? 'UTC');
  const groups = (spec.groupBy ?? []).map((group, i) => groupPart(registry, model, group, i, actor, timezone));
  if (groups.filter((g) => g.join && !g.cte).length > 1) throw invalid('group by at most one list field (multichoice or references)');
  const aggregates = (spec.aggregates?.length ? spec.aggregates : [{ fn: 'count' as const }]).map((a) => aggregatePart(model, a));
  const columns = [...groups.map((g) => g.column), ...aggregates.map((a) => a.column)];
  const keys = new Set<string>();
  for (const column of columns) {
    if (keys.has(column.key)) throw invalid(`two columns are named "${column.key}": give one an "as"`);
    keys.add(column.key);
  }
  const conditions = [sql`deleted_at is null`];
  if (scope) conditions.push(scope);
  const filter = buildFilterSql(model, spec.filter, context);
  if (filter) conditions.push(filter);
  const where = sql.join(conditions, sql` and `);
  const table = recordTable(model.name);
  const ctes = groups.flatMap((g) => (g.cte ? [g.cte] : []));
  const joins = groups.flatMap((g) => (g.join ? [g.join] : []));
  const inner = [
    ...groups.map((g, i) => sql`${g.select} as ${sql.id(`g${i}`)}`),
    ...aggregates.map((a, i) => sql`${a.select} as ${sql.id(`a${i}`)}`),
  ];
  // Output names differ from the inner ones, so that ORDER BY reads the typed inner values.
  const outer = columns.map((_, i) => sql`${sql.id(alias(columns, i))}::text as ${sql.id(`c${i}`)}`);
  const limit = spec.limit ?? DEFAULT_REPORT_ROWS;
  const groupBy = groups.length ? sql`group by ${sql.join(groups.map((_, i) => sql.raw(String(i + 1))))}` : sql``;
  const withClause = ctes.length ? sql`with ${sql.join(ctes)}` : sql``;
  const rows = sql<Record<string, string | null>>`${withClause}
    select ${sql.join(outer)} from (
      select ${sql.join(inner)} from ${table} ${sql.join(joins, sql` `)} where ${where} ${groupBy}
    ) as report order by ${orderBy(columns, spec.sort, groups.length)} limit ${limit + 1}`;
  const totals = spec.totals === false || groups.length === 0
    ? undefined
    : sql<Record<string, string | null>>`select ${sql.join(aggregates.map((a, i) => sql`(${a.select})::text as ${sql.id(`a${i}`)}`))}
        from ${table} where ${where}`;
  return { columns, rows, totals, limit };
}

/** Name of a column in the rows the report query returns. */
export function outputName(index: number): string {
  return `c${index}`;
}

function alias(columns: ReportColumn[], index: number): string {
  const groups = columns.filter((c) => c.role === 'group').length;
  return index < groups ? `g${index}` : `a${index - groups}`;
}

function groupPart(
  registry: DefinitionRegistry, model: EntityModel, group: ReportGroupBy, i: number, actor: RecordActor, timezone: string,
): GroupPart {
  const [first, second] = group.field.split('.') as [string, string | undefined];
  if (second !== undefined) return referencedGroup(registry, model, group, first, second, i, actor, timezone);
  const column = resolveColumn(model, first);
  if (column.sqlKind === 'object') throw invalid(`"${first}" holds objects and cannot be grouped by`);
  const label = labelOf(model, first);
  if (column.sqlKind === 'array') {
    const expr = column.expression;
    const name = `u${i}`;
    const join = sql`left join lateral jsonb_array_elements_text(case when jsonb_typeof(${expr}) = 'array' then ${expr} else '[]'::jsonb end) as ${sql.id(name)}(v) on true`;
    const ref = column.field?.type === 'references' ? column.field.ref : undefined;
    return {
      column: groupColumn(group, first, column.field?.type ?? 'system', ref ? 'reference' : 'text', label, ref),
      select: sql.ref(`${name}.v`),
      join,
    };
  }
  return scalarGroup(model, group, column, label, timezone, first);
}

function scalarGroup(model: EntityModel, group: ReportGroupBy, column: ColumnRef, label: LocalizedText, timezone: string, path: string): GroupPart {
  const type = column.field?.type ?? 'system';
  const isTimestamp = column.cast === 'timestamptz' || type === 'datetime';
  if (group.bucket) {
    if (!isTimestamp && type !== 'date') throw invalid(`"${path}" is not a date or date-time: it has no ${group.bucket}s`);
    const truncated = type === 'date'
      ? sql`date_trunc(${group.bucket}, (${column.expression})::date::timestamp)`
      : sql`date_trunc(${group.bucket}, (${column.expression})::timestamptz at time zone ${timezone})`;
    return {
      column: { ...groupColumn(group, path, type, 'date', withBucket(label, group.bucket)), bucket: group.bucket },
      select: sql`(${truncated})::date`,
    };
  }
  const ref = column.field?.type === 'reference' ? column.field.ref
    : USER_COLUMNS.has(column.name) && !column.field ? 'user'
      : column.name === 'department_id' && !column.field ? 'department'
        : column.name === 'id' && !column.field ? model.name : undefined;
  const kind: ReportValueKind = ref ? 'reference' : kindOf(column);
  const select = isTimestamp && !column.field ? sql`${column.expression}` : column.expression;
  return { column: groupColumn(group, path, type, kind, label, ref), select };
}

/** `customer.region`: a field of the referenced record, read only where the actor may read that record. */
function referencedGroup(
  registry: DefinitionRegistry, model: EntityModel, group: ReportGroupBy, first: string, second: string, i: number,
  actor: RecordActor, timezone: string,
): GroupPart {
  const base = resolveColumn(model, first);
  if (base.field?.type !== 'reference' || !base.field.ref) throw invalid(`"${first}" is not a reference field: "${group.field}" cannot be followed`);
  const stored = registry.get(base.field.ref);
  const permission = readPermission(actor, stored);
  if (!permission) throw new CrmError('CRM_ERR_FORBIDDEN', { params: { action: 'read', entity: stored.name } });
  const target = visibleModel(stored, permission);
  const field = target.fields.get(second);
  if (!field) throw new CrmError('CRM_ERR_UNKNOWN_FIELD', { params: { field: second, entity: target.name } });
  if (field.sqlKind === 'object' || field.sqlKind === 'array') throw invalid(`"${group.field}" holds lists or objects and cannot be grouped by`);
  const name = `r${i}`;
  const scope = scopeSql(actor, permission);
  const cte = sql`${sql.id(name)} as (select id as ${sql.id(`${name}_id`)}, data as ${sql.id(`${name}_data`)}
    from ${recordTable(target.name)} where deleted_at is null ${scope ? sql`and ${scope}` : sql``})`;
  const join = sql`left join ${sql.id(name)} on ${sql.ref(`${name}.${name}_id`)} = (${base.expression})::uuid`;
  const column: ColumnRef = {
    name: second, sqlKind: field.sqlKind, cast: field.sqlKind === 'numeric' ? 'numeric' : field.sqlKind, nullable: true,
    expression: fieldExpression(field, `${name}.${name}_data`), field,
  };
  const label = joinLabels(base.field.label, field.label);
  const part = scalarGroup(target, group, column, label, timezone, group.field);
  return { ...part, cte, join };
}

function aggregatePart(model: EntityModel, aggregate: ReportAggregate): { column: ReportColumn; select: RawBuilder<unknown> } {
  const { fn } = aggregate;
  if (!aggregate.field) {
    if (fn !== 'count') throw invalid(`${fn} needs a field`);
    return { column: { key: aggregate.as ?? 'count', role: 'aggregate', fn, kind: 'integer', label: AGGREGATE_LABELS.count }, select: sql`count(*)` };
  }
  if (aggregate.field.includes('.')) throw invalid('aggregates read fields of the entity itself');
  if (aggregate.since !== undefined) return durationPart(model, aggregate);
  const column = resolveColumn(model, aggregate.field);
  const type = column.field?.type ?? 'system';
  const key = aggregate.as ?? `${fn}:${aggregate.field}`;
  const label = joinLabels(AGGREGATE_LABELS[fn], labelOf(model, aggregate.field));
  const base = { key, role: 'aggregate' as const, fn, field: aggregate.field, fieldType: type, label };
  const expr = column.expression;
  switch (fn) {
    case 'count':
      return { column: { ...base, kind: 'integer' }, select: sql`count(${expr})` };
    case 'count_distinct':
      if (column.sqlKind === 'object') throw invalid(`"${aggregate.field}" holds objects: its values cannot be counted`);
      return { column: { ...base, kind: 'integer' }, select: sql`count(distinct ${expr})` };
    case 'sum':
    case 'avg':
      if (column.sqlKind !== 'numeric' || !column.field) throw invalid(`${fn} needs a number field, not "${aggregate.field}"`);
      return { column: { ...base, kind: 'decimal' }, select: fn === 'sum' ? sql`sum(${expr})` : sql`round(avg(${expr}), 4)` };
    case 'min':
    case 'max': {
      if (column.sqlKind !== 'numeric' && column.sqlKind !== 'text') throw invalid(`${fn} needs a number, text or date field, not "${aggregate.field}"`);
      const kind = kindOf(column);
      return { column: { ...base, kind: kind === 'integer' ? 'decimal' : kind }, select: fn === 'min' ? sql`min(${expr})` : sql`max(${expr})` };
    }
  }
}

const SECONDS: Record<string, number> = { minutes: 60, hours: 3600, days: 86400 };

/** avg / sum / min / max of `field - since` (e.g. response times), as a decimal rounded to 2 places. */
function durationPart(model: EntityModel, aggregate: ReportAggregate): { column: ReportColumn; select: RawBuilder<unknown> } {
  const { fn } = aggregate;
  if (fn === 'count' || fn === 'count_distinct') throw invalid(`${fn} does not take "since"`);
  const end = timestamp(model, aggregate.field!);
  const start = timestamp(model, aggregate.since!);
  const unit = aggregate.unit ?? 'hours';
  const seconds = sql`extract(epoch from (${end} - ${start}))::numeric / ${SECONDS[unit]!}`;
  const fnSql = sql.raw(fn);
  const key = aggregate.as ?? `${fn}:${aggregate.field}-${aggregate.since}`;
  const label = joinLabels(AGGREGATE_LABELS[fn], { 'zh-CN': `${labelOf(model, aggregate.field!)['zh-CN']} − ${labelOf(model, aggregate.since!)['zh-CN']}`, en: `${labelOf(model, aggregate.field!).en} − ${labelOf(model, aggregate.since!).en} (${unit})`, es: `${labelOf(model, aggregate.field!).es} − ${labelOf(model, aggregate.since!).es} (${unit})` });
  return {
    column: { key, role: 'aggregate', fn, field: aggregate.field!, fieldType: 'duration', kind: 'decimal', label },
    select: sql`round(${fnSql}(${seconds}), 2)`,
  };
}

function timestamp(model: EntityModel, name: string): RawBuilder<unknown> {
  const column = resolveColumn(model, name);
  const type = column.field?.type;
  if (column.cast === 'timestamptz' && !column.field) return sql`${column.expression}`;
  if (type === 'datetime') return sql`(${column.expression})::timestamptz`;
  if (type === 'date') return sql`(${column.expression})::date::timestamp at time zone 'UTC'`;
  throw invalid(`"${name}" is not a date or date-time: durations need two`);
}

function orderBy(columns: ReportColumn[], raw: string | undefined, groupCount: number): RawBuilder<unknown> {
  const parts = raw?.trim() ? raw.split(',').map((p) => p.trim()).filter(Boolean) : columns.slice(0, groupCount).map((c) => c.key);
  if (parts.length === 0) return sql`1`;
  if (parts.length > 6) throw invalid('sort by at most 6 columns');
  return sql.join(parts.map((part) => {
    const descending = part.startsWith('-');
    const key = descending ? part.slice(1) : part;
    const index = columns.findIndex((c) => c.key === key);
    if (index < 0) throw invalid(`sort names "${key}", which is not a column of the report`);
    return sql`${sql.id(alias(columns, index))} ${sql.raw(descending ? 'desc nulls last' : 'asc nulls last')}`;
  }));
}

function groupColumn(group: ReportGroupBy, path: string, fieldType: string, kind: ReportValueKind, label: LocalizedText, ref?: string): ReportColumn {
  const column: ReportColumn = {
    key: group.as ?? (group.bucket ? `${path}:${group.bucket}` : path),
    role: 'group', field: path, fieldType, kind, label,
  };
  if (ref) column.ref = ref;
  return column;
}

function kindOf(column: ColumnRef): ReportValueKind {
  const type = column.field?.type;
  if (column.cast === 'timestamptz' || type === 'datetime') return 'datetime';
  if (type === 'date') return 'date';
  if (column.sqlKind === 'boolean') return 'boolean';
  if (column.sqlKind === 'numeric') return type === 'integer' || column.cast === 'integer' ? 'integer' : 'decimal';
  return 'text';
}

function labelOf(model: EntityModel, name: string): LocalizedText {
  return model.fields.get(name)?.label ?? SYSTEM_LABELS[name] ?? { 'zh-CN': name, en: name, es: name };
}

function joinLabels(a: LocalizedText, b: LocalizedText): LocalizedText {
  return { 'zh-CN': `${a['zh-CN']} · ${b['zh-CN']}`, en: `${a.en} · ${b.en}`, es: `${a.es} · ${b.es}` };
}

function withBucket(label: LocalizedText, bucket: keyof typeof BUCKET_LABELS): LocalizedText {
  const b = BUCKET_LABELS[bucket];
  return { 'zh-CN': `${label['zh-CN']}（${b['zh-CN']}）`, en: `${label.en} (${b.en})`, es: `${label.es} (${b.es})` };
}

function checkTimezone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw invalid(`unknown time zone "${zone}"`);
  }
}

function invalid(reason: string): CrmError {
  return new CrmError('CRM_ERR_INVALID_REPORT', { params: { reason } });
}
