import { sql, type RawBuilder } from 'kysely';
import type { EntityModel } from '../metadata/entity-model.js';
import { decodeCursor } from './record-cursor.js';
import { buildFilterSql, type FilterContext } from './record-filter.js';
import { afterCursorSql, orderBySql, parseSort, sortSignature, sortValuesSql, type SortKey } from './record-sort.js';
import { recordTable } from './record-table.js';
import type { ListQuery } from './record-types.js';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;
export const RECORD_COLUMNS_SQL = sql.raw(
  'id, version, def_version, data, owner_id, department_id, created_by, updated_by, created_at, updated_at, deleted_at',
);

export interface ListSql {
  /** One page (limit + 1 rows, to know whether more follow), with the sort values for the cursor. */
  page: RawBuilder<unknown>;
  /** Exact count of everything the filter matches (ignoring the cursor). */
  count: RawBuilder<{ total: string }>;
  /** `select 1` of everything the filter matches (ignoring the cursor): for capped counts and estimates. */
  matching: RawBuilder<unknown>;
  keys: SortKey[];
  signature: string;
  limit: number;
}

/** The SQL of a list request; kept apart from execution so tests can EXPLAIN exactly what runs. */
export function buildListSql(model: EntityModel, query: ListQuery, scope?: RawBuilder<unknown>, context?: FilterContext): ListSql {
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const keys = parseSort(model, query.sort);
  const signature = sortSignature(keys);
  const conditions = [query.trashed ? sql`deleted_at is not null` : sql`deleted_at is null`];
  const filter = buildFilterSql(model, query.filter, context);
  if (scope) conditions.push(scope);
  if (filter) conditions.push(filter);
  const where = sql.join(conditions, sql` and `);
  const pageWhere = query.cursor
    ? sql.join([where, afterCursorSql(keys, decodeCursor(query.cursor, signature, keys.length))], sql` and `)
    : where;
  const table = recordTable(model.name);
  return {
    page: sql`select ${RECORD_COLUMNS_SQL}, ${sortValuesSql(keys)} from ${table}
      where ${pageWhere} order by ${orderBySql(keys)} limit ${limit + 1}`,
    count: sql<{ total: string }>`select count(*) as total from ${table} where ${where}`,
    matching: sql`select 1 from ${table} where ${where}`,
    keys,
    signature,
    limit,
  };
}
