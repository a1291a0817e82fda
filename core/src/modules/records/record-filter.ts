import { sql, type RawBuilder } from 'kysely';
import { CrmError } from '../../errors/crm-error.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { resolveColumn, type ColumnRef } from './field-sql.js';

/**
 * The filter language (the same for lists, counts, exports and reports), in JSON:
 *   { "region": { "_eq": "east" }, "_or": [ { "tier": { "_in": ["A", "B"] } }, { "annual_revenue": { "_gte": "1000000" } } ] }
 * Conditions side by side are and-ed; `_and` / `_or` take lists of filters and nest freely.
 */
export const FILTER_OPERATORS = [
  '_eq', '_neq', '_lt', '_lte', '_gt', '_gte', '_in', '_nin', '_contains', '_starts_with', '_empty', '_between',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const MAX_DEPTH = 8;
const MAX_CONDITIONS = 100;
const MAX_LIST = 1000;

export function parseFilterParam(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw invalid('filter is not valid JSON');
  }
}

/**
 * A record group named by `{"_in_group": "<id>"}` (or a list of ids: member of any), resolved
 * before the SQL is built because its definition lives in the database. A static group is a
 * member list; a dynamic one is a saved filter, compiled here so that membership is always current.
 */
export interface FilterGroup {
  id: string;
  entity: string;
  kind: 'static' | 'dynamic';
  filter: unknown;
  /** The whole entity: a group's saved filter is the administrator's, not limited by the reader's hidden fields. */
  model: EntityModel;
}

export interface FilterContext {
  groups?: ReadonlyMap<string, FilterGroup>;
}

/** Turns a filter document into a SQL condition with bound parameters; refuses anything unknown. */
export function buildFilterSql(model: EntityModel, filter: unknown, context: FilterContext = {}): RawBuilder<unknown> | undefined {
  if (filter === undefined || filter === null) return undefined;
  const budget = { conditions: 0, context };
  return group(model, filter, 'and', 0, budget);
}

/** The group ids a filter names with `_in_group` (not those inside the groups' own filters). */
export function groupIdsOf(filter: unknown, found = new Set<string>(), depth = 0): Set<string> {
  if (depth > MAX_DEPTH || typeof filter !== 'object' || filter === null || Array.isArray(filter)) return found;
  for (const [key, value] of Object.entries(filter)) {
    if (key === '_in_group') {
      for (const id of Array.isArray(value) ? value : [value]) if (typeof id === 'string' && UUID.test(id)) found.add(id.toLowerCase());
    } else if ((key === '_and' || key === '_or') && Array.isArray(value)) {
      for (const child of value) groupIdsOf(child, found, depth + 1);
    }
  }
  return found;
}

interface Budget {
  conditions: number;
  context: FilterContext;
}

function group(model: EntityModel, filter: unknown, joiner: 'and' | 'or', depth: number, budget: Budget): RawBuilder<unknown> {
  if (depth > MAX_DEPTH) throw invalid(`nested deeper than ${MAX_DEPTH} levels`);
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw invalid('a filter must be an object');
  const parts: RawBuilder<unknown>[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '_in_group') {
      parts.push(inGroup(model, value, depth, budget));
      continue;
    }
    if (key === '_and' || key === '_or') {
      if (!Array.isArray(value) || value.length === 0) throw invalid(`${key} takes a non-empty list of filters`);
      const children = value.map((child) => group(model, child, 'and', depth + 1, budget));
      parts.push(sql`(${sql.join(children, sql.raw(key === '_and' ? ' and ' : ' or '))})`);
      continue;
    }
    const column = resolveColumn(model, key);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalid(`"${key}" needs an operator object such as {"_eq": …}`);
    }
    for (const [operator, operand] of Object.entries(value)) {
      budget.conditions += 1;
      if (budget.conditions > MAX_CONDITIONS) throw invalid(`more than ${MAX_CONDITIONS} conditions`);
      parts.push(condition(model, column, operator, operand));
    }
  }
  if (parts.length === 0) return sql`true`;
  return parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql.raw(` ${joiner} `))})`;
}

function inGroup(model: EntityModel, value: unknown, depth: number, budget: Budget): RawBuilder<unknown> {
  const ids = Array.isArray(value) ? value : [value];
  if (ids.length === 0 || ids.length > 50 || !ids.every((id) => typeof id === 'string' && UUID.test(id))) {
    throw invalid('_in_group takes a group id or a list of at most 50 group ids');
  }
  const conditions = ids.map((raw) => {
    const id = (raw as string).toLowerCase();
    const found = budget.context.groups?.get(id);
    if (!found || found.entity !== model.name) throw invalid(`no ${model.name} group with id ${id}`);
    budget.conditions += 1;
    if (found.kind === 'static') return sql`id in (select m.record_id from crm_group_member m where m.group_id = ${id}::uuid)`;
    return group(found.model, found.filter ?? {}, 'and', depth + 1, budget);
  });
  return conditions.length === 1 ? conditions[0]! : sql`(${sql.join(conditions, sql.raw(' or '))})`;
}

function condition(model: EntityModel, column: ColumnRef, operator: string, operand: unknown): RawBuilder<unknown> {
  if (!(FILTER_OPERATORS as readonly string[]).includes(operator)) throw invalid(`unknown operator "${operator}"`);
  const op = operator as FilterOperator;
  const expr = column.expression;
  const notFilterable = () =>
    new CrmError('CRM_ERR_FIELD_NOT_FILTERABLE', { params: { field: column.name, operator: op } });

  if (op === '_empty') {
    if (typeof operand !== 'boolean') throw invalid(`_empty on "${column.name}" takes true or false`);
    const empty =
      column.sqlKind === 'array'
        ? sql`(${expr} is null or ${expr} = '[]'::jsonb)`
        : column.sqlKind === 'text'
          ? sql`(${expr} is null or ${expr} = '')`
          : sql`(${expr} is null)`;
    return operand ? empty : sql`not ${empty}`;
  }

  if (column.sqlKind === 'array') {
    if (op === '_contains') return sql`(${expr} @> ${JSON.stringify([scalar(column, operand)])}::jsonb)`;
    if (op === '_in') return sql`(${expr} ?| ${list(column, operand).map(String)}::text[])`;
    if (op === '_nin') return sql`not coalesce(${expr} ?| ${list(column, operand).map(String)}::text[], false)`;
    throw notFilterable();
  }
  if (column.sqlKind === 'object') throw notFilterable();

  const cast = sql.raw(column.cast);
  const value = (v: unknown) => sql`cast(${v} as ${cast})`;
  switch (op) {
    case '_eq':
      return sql`(${expr} = ${value(scalar(column, operand))})`;
    case '_neq':
      return sql`(${expr} <> ${value(scalar(column, operand))} or ${expr} is null)`;
    case '_lt':
      return sql`(${expr} < ${value(ordered(column, operand, op))})`;
    case '_lte':
      return sql`(${expr} <= ${value(ordered(column, operand, op))})`;
    case '_gt':
      return sql`(${expr} > ${value(ordered(column, operand, op))})`;
    case '_gte':
      return sql`(${expr} >= ${value(ordered(column, operand, op))})`;
    case '_in':
      return sql`(${expr} = any(cast(${list(column, operand)} as ${sql.raw(column.cast)}[])))`;
    case '_nin':
      return sql`(${expr} <> all(cast(${list(column, operand)} as ${sql.raw(column.cast)}[])) or ${expr} is null)`;
    case '_between': {
      if (!Array.isArray(operand) || operand.length !== 2) throw invalid(`_between on "${column.name}" takes [low, high]`);
      return sql`(${expr} between ${value(ordered(column, operand[0], op))} and ${value(ordered(column, operand[1], op))})`;
    }
    case '_contains':
    case '_starts_with': {
      if (column.cast !== 'text') throw notFilterable();
      if (typeof operand !== 'string') throw invalid(`${op} on "${column.name}" takes a string`);
      const escaped = operand.replace(/[\\%_]/g, (c) => `\\${c}`);
      return op === '_contains' ? sql`(${expr} ilike ${`%${escaped}%`})` : sql`(${expr} ilike ${`${escaped}%`})`;
    }
    default:
      throw notFilterable();
  }
}

/** Checks a comparison value against the column's kind, so a bad value is a 400, not a SQL error. */
function scalar(column: ColumnRef, operand: unknown): string | number | boolean {
  const kind = column.sqlKind === 'array' ? 'text' : column.sqlKind;
  if (kind === 'numeric') {
    if (typeof operand === 'number' && Number.isFinite(operand)) return operand;
    if (typeof operand === 'string' && /^-?\d{1,30}(\.\d{1,20})?$/.test(operand)) return operand;
    throw invalid(`"${column.name}" compares with numbers`);
  }
  if (kind === 'boolean') {
    if (typeof operand === 'boolean') return operand;
    throw invalid(`"${column.name}" compares with true or false`);
  }
  if (typeof operand !== 'string' && typeof operand !== 'number') throw invalid(`"${column.name}" compares with text`);
  const text = String(operand);
  if (text.length > 1000) throw invalid(`value for "${column.name}" is longer than 1000 characters`);
  if (column.cast === 'uuid' && !UUID.test(text)) throw invalid(`"${column.name}" compares with ids (UUIDs)`);
  if (column.cast === 'timestamptz' && Number.isNaN(Date.parse(text))) throw invalid(`"${column.name}" compares with date-times`);
  if (column.cast === 'integer' && !/^-?\d{1,9}$/.test(text)) throw invalid(`"${column.name}" compares with integers`);
  return text;
}

function ordered(column: ColumnRef, operand: unknown, op: FilterOperator): string | number | boolean {
  if (column.sqlKind === 'boolean') {
    throw new CrmError('CRM_ERR_FIELD_NOT_FILTERABLE', { params: { field: column.name, operator: op } });
  }
  return scalar(column, operand);
}

function list(column: ColumnRef, operand: unknown): (string | number | boolean)[] {
  if (!Array.isArray(operand) || operand.length === 0) throw invalid(`_in / _nin on "${column.name}" take a non-empty list`);
  if (operand.length > MAX_LIST) throw invalid(`lists hold at most ${MAX_LIST} values`);
  return operand.map((v) => scalar(column, v));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function invalid(reason: string): CrmError {
  return new CrmError('CRM_ERR_INVALID_FILTER', { params: { reason } });
}
