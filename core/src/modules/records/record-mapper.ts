import type { EntityModel } from '../metadata/entity-model.js';
import type { ApiRecord, RecordRow } from './record-types.js';

/** PostgreSQL's text form of a timestamptz in UTC, as the driver hands it over: `2026-12-01 19:52:41.353+00`. */
const PG_UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * ISO 8601 in UTC with milliseconds (what `Date#toISOString` gives). A UTC timestamp is rewritten
 * rather than parsed into a Date: a list page has a hundred of them, and parsing was a visible
 * share of its CPU. Other forms (another time zone, a Date) go through Date.
 */
export function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  const utc = PG_UTC_TIMESTAMP.exec(value);
  if (utc) return `${utc[1]}T${utc[2]}.${`${utc[3] ?? ''}000`.slice(0, 3)}Z`;
  return new Date(value).toISOString();
}

/** Row → API shape: removed fields never leave the server; `fields` narrows the data fields. */
export function toApiRecord(model: EntityModel, row: RecordRow, fields?: ReadonlySet<string>): ApiRecord {
  const record: ApiRecord = { id: row.id, version: row.version };
  for (const name of model.fields.keys()) {
    if (fields && !fields.has(name)) continue;
    const value = row.data[name];
    if (value !== undefined) record[name] = value;
  }
  record.owner_id = row.owner_id;
  record.department_id = row.department_id;
  record.created_by = row.created_by;
  record.updated_by = row.updated_by;
  record.created_at = iso(row.created_at);
  record.updated_at = iso(row.updated_at);
  if (row.deleted_at !== null) record.deleted_at = iso(row.deleted_at);
  return record;
}

/** The record's display label (its title field), used for references and search results. */
export function recordLabel(model: EntityModel, data: Record<string, unknown>): string | undefined {
  const value = model.titleField ? data[model.titleField] : undefined;
  return value === undefined || value === null ? undefined : String(value);
}
