import type { Locale } from '../../i18n/locale.js';
import type { UserAccess } from '../auth/user-access.js';

/** Who performs a record operation; set from the session once auth is in place. */
export interface RecordActor {
  userId: string | null;
  departmentId: string | null;
  locale: Locale;
  /** Request that caused the operation, for the audit trail. */
  requestId: string | null;
  /** The signed-in user's rights; absent for work the server does itself (seeding, bulk jobs). */
  access?: UserAccess;
  /**
   * How many automated steps led to this write: 0 (or absent) for a user's own request, 1 for a
   * write an action made because of it, and so on. Triggers use it to stop loops.
   */
  depth?: number;
}

/** The stored row of a record table. */
export interface RecordRow {
  id: string;
  version: number;
  def_version: number;
  data: Record<string, unknown>;
  owner_id: string | null;
  department_id: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
}

/** A record as the API returns it: system fields and the visible data fields side by side. */
export type ApiRecord = { id: string; version: number } & Record<string, unknown>;

export interface ListQuery {
  filter?: unknown;
  sort?: string;
  limit?: number;
  cursor?: string;
  fields?: string[];
  expand?: string[];
  /** true: exact up to a limit, estimated above it (flagged); 'exact': always exact. */
  withTotal?: boolean | 'exact';
  trashed?: boolean;
}

export interface ListResult {
  data: ApiRecord[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
  total?: number;
  /** Set with `total`: true when it is the planner's estimate rather than an exact count. */
  total_estimated?: boolean;
}

export const RECORD_COLUMNS = [
  'id', 'version', 'def_version', 'data', 'owner_id', 'department_id',
  'created_by', 'updated_by', 'created_at', 'updated_at', 'deleted_at',
] as const;

/** System fields a client may not write; they are ignored in request bodies. */
export const READ_ONLY_SYSTEM_FIELDS = new Set(['id', 'version', 'def_version', 'created_at', 'updated_at', 'created_by', 'updated_by', 'deleted_at', 'department_id']);
