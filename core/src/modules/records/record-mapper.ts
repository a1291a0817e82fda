import type { EntityModel } from '../metadata/entity-model.js';
import type { ApiRecord, RecordRow } from './record-types.js';

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
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
