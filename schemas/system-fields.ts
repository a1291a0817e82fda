// Columns the core adds to every entity table. They never appear in a definition's
// `properties`; the meta-schema refuses them as field names.

export const SYSTEM_FIELD_NAMES = [
  'id',
  'version',
  'created_at',
  'updated_at',
  'deleted_at',
  'owner_id',
  'department_id',
  'created_by',
  'updated_by',
  'def_version',
] as const;
export type SystemFieldName = (typeof SYSTEM_FIELD_NAMES)[number];

/** System columns as they appear on a record read from the API. */
export interface SystemFields {
  /** UUID. */
  id: string;
  /** Optimistic-locking counter, starts at 1. */
  version: number;
  /** ISO 8601 date-time. */
  created_at: string;
  updated_at: string;
  deleted_at?: string | null;
  owner_id?: string | null;
  department_id?: string | null;
  created_by?: string | null;
  updated_by?: string | null;
  /** Version of the entity definition the record was last written under. */
  def_version?: number;
}
