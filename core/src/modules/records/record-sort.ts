import { sql, type RawBuilder } from 'kysely';
import { CrmError } from '../../errors/crm-error.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { resolveColumn, type ColumnRef } from './field-sql.js';

export interface SortKey {
  column: ColumnRef;
  descending: boolean;
}

const MAX_SORT_KEYS = 5;
const DEFAULT_SORT = '-created_at';

/** Parses `sort=-amount,name` into keys; `id` is always appended so every order is total. */
export function parseSort(model: EntityModel, raw: string | undefined): SortKey[] {
  const parts = (raw?.trim() ? raw : DEFAULT_SORT).split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length > MAX_SORT_KEYS) {
    throw new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: `sort by at most ${MAX_SORT_KEYS} fields` } });
  }
  const keys = parts.map((part) => {
    const descending = part.startsWith('-');
    const column = resolveColumn(model, descending ? part.slice(1) : part);
    if (column.sqlKind === 'array' || column.sqlKind === 'object') {
      throw new CrmError('CRM_ERR_FIELD_NOT_SORTABLE', { params: { field: column.name } });
    }
    return { column, descending };
  });
  if (!keys.some((key) => key.column.name === 'id')) {
    keys.push({ column: resolveColumn(model, 'id'), descending: keys.at(-1)?.descending ?? false });
  }
  return keys;
}

/** ORDER BY with PostgreSQL's default null placement (nulls sort as the largest value). */
export function orderBySql(keys: SortKey[]): RawBuilder<unknown> {
  return sql.join(keys.map((key) => (key.descending ? sql`${key.column.expression} desc` : sql`${key.column.expression} asc`)));
}

/** The sort values of a row, selected as text so a cursor can repeat them exactly. */
export function sortValuesSql(keys: SortKey[]): RawBuilder<unknown> {
  return sql.join(keys.map((key, i) => sql`(${key.column.expression})::text as ${sql.id(`_k${i}`)}`));
}

export function sortSignature(keys: SortKey[]): string {
  return keys.map((key) => `${key.descending ? '-' : ''}${key.column.name}`).join(',');
}

/**
 * Keyset condition "comes after the row with these sort values": for each key, all earlier keys
 * equal and this one past the value, with nulls treated as larger than any value.
 */
export function afterCursorSql(keys: SortKey[], values: (string | null)[]): RawBuilder<unknown> {
  const branches: RawBuilder<unknown>[] = [];
  for (let i = 0; i < keys.length; i++) {
    const equalBefore = keys.slice(0, i).map((key, j) => equals(key, values[j] ?? null));
    const past = after(keys[i]!, values[i] ?? null);
    if (!past) continue;
    branches.push(sql.join([...equalBefore, past], sql` and `));
  }
  return branches.length ? sql`(${sql.join(branches, sql` or `)})` : sql`false`;
}

function typed(key: SortKey, value: string): RawBuilder<unknown> {
  return sql`cast(${value} as ${sql.raw(key.column.cast)})`;
}

function equals(key: SortKey, value: string | null): RawBuilder<unknown> {
  return value === null ? sql`${key.column.expression} is null` : sql`${key.column.expression} = ${typed(key, value)}`;
}

function after(key: SortKey, value: string | null): RawBuilder<unknown> | undefined {
  const expr = key.column.expression;
  if (key.descending) {
    return value === null ? sql`${expr} is not null` : sql`${expr} < ${typed(key, value)}`;
  }
  if (value === null) return undefined;
  return key.column.nullable ? sql`(${expr} > ${typed(key, value)} or ${expr} is null)` : sql`${expr} > ${typed(key, value)}`;
}
