import { sql, type Kysely } from 'kysely';
import type { ListSql } from './record-list-query.js';

/**
 * Up to this many matching records, `total=true` is an exact count; above it, the planner's
 * estimate (flagged `total_estimated: true`). Counting a few hundred thousand matches exactly takes
 * PostgreSQL a second at a million rows however it is indexed (every match is visited), while a
 * list page needs to say "about 120,000", not to make every page wait for the count.
 */
export const DEFAULT_EXACT_COUNT_LIMIT = 10_000;

export interface RecordTotal {
  total: number;
  estimated: boolean;
}

/**
 * Counts what a list matches: exactly when `exactLimit` is undefined; otherwise counts at most
 * `exactLimit + 1` matches and, when there are more, asks the planner for its estimate (never
 * below the number already counted).
 */
export async function countRecords(db: Kysely<unknown>, listSql: ListSql, exactLimit: number | undefined): Promise<RecordTotal> {
  if (exactLimit === undefined) {
    const { rows } = await listSql.count.execute(db);
    return { total: Number(rows[0]?.total ?? 0), estimated: false };
  }
  const { rows } = await sql<{ total: string }>`select count(*) as total from (${listSql.matching} limit ${exactLimit + 1}) m`.execute(db);
  const counted = Number(rows[0]?.total ?? 0);
  if (counted <= exactLimit) return { total: counted, estimated: false };
  const plan = await sql<Record<string, unknown>>`explain (format json) ${listSql.matching}`.execute(db);
  return { total: Math.max(counted, planRows(plan.rows[0])), estimated: true };
}

/** The row estimate of the top plan node in `explain (format json)` output (json or text, by driver). */
function planRows(row: Record<string, unknown> | undefined): number {
  let value = row ? Object.values(row)[0] : undefined;
  if (typeof value === 'string') value = JSON.parse(value);
  const top = Array.isArray(value) ? (value[0] as { Plan?: { 'Plan Rows'?: unknown } } | undefined) : undefined;
  const estimate = Number(top?.Plan?.['Plan Rows']);
  return Number.isFinite(estimate) ? Math.round(estimate) : 0;
}
