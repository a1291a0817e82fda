import { sql, type RawBuilder } from 'kysely';
import type { FieldChange } from '../audit/audit-trail.js';
import { auditChangeSql, auditCreatesSql, auditIds, type RecordAuditContext } from '../audit/record-audit.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { RECORD_COLUMNS_SQL } from './record-list-query.js';
import { recordTable } from './record-table.js';
import type { RecordActor, RecordRow } from './record-types.js';

/**
 * The statements of record writes. Each is one round trip that writes the record(s) and their
 * audit entries together (data-modifying CTEs), so that a write needs no explicit transaction
 * unless hooks run around it.
 */

/** The system columns of a new row (its data is what was sent, so it is not read back). */
export type CreatedRow = Omit<RecordRow, 'data'>;
const SYSTEM_COLUMNS_SQL = sql.raw('id, version, def_version, owner_id, department_id, created_by, updated_by, created_at, updated_at, deleted_at');

export interface NewRecord {
  id: string;
  ownerId: string | null;
  data: Record<string, unknown>;
}

function auditContext(model: EntityModel, actor: RecordActor): RecordAuditContext {
  return { actorId: actor.userId, requestId: actor.requestId, entity: model.name, definitionVersion: model.version };
}

/**
 * Inserts records and their audit entries. The department of each record is its owner's (or the
 * actor's when the owner has none). The input is parsed once, into a materialized CTE that both
 * inserts read; returns the system columns of the new rows.
 */
export function insertRecordsSql(model: EntityModel, actor: RecordActor, records: NewRecord[]): RawBuilder<CreatedRow> {
  if (records.length === 1) return insertOneSql(model, actor, records[0]!);
  const ids = auditIds(records.length);
  const payload = JSON.stringify(records.map((record, i) => ({ id: record.id, data: record.data, owner_id: record.ownerId, audit_id: ids[i] })));
  return sql<CreatedRow>`
    with x as materialized (
      select * from jsonb_to_recordset(${payload}::jsonb) as x(id uuid, data jsonb, owner_id uuid, audit_id uuid)
    ), written as (
      insert into ${recordTable(model.name)} (id, def_version, data, owner_id, department_id, created_by, updated_by)
      select x.id, ${model.version}, x.data, x.owner_id,
        coalesce((select u.department_id from crm_user u where u.id = x.owner_id), ${actor.departmentId}::uuid),
        ${actor.userId}::uuid, ${actor.userId}::uuid
      from x
      returning ${SYSTEM_COLUMNS_SQL}
    ), audit as (${auditCreatesSql(sql`x`, auditContext(model, actor))})
    select * from written`;
}

/** The same for one record, as plain VALUES: no JSON array to take apart, nothing to materialize. */
function insertOneSql(model: EntityModel, actor: RecordActor, record: NewRecord): RawBuilder<CreatedRow> {
  const [auditId] = auditIds(1);
  return sql<CreatedRow>`
    with written as (
      insert into ${recordTable(model.name)} (id, def_version, data, owner_id, department_id, created_by, updated_by)
      values (${record.id}::uuid, ${model.version}, ${JSON.stringify(record.data)}::jsonb, ${record.ownerId}::uuid,
        coalesce((select u.department_id from crm_user u where u.id = ${record.ownerId}::uuid), ${actor.departmentId}::uuid),
        ${actor.userId}::uuid, ${actor.userId}::uuid)
      returning ${SYSTEM_COLUMNS_SQL}, data, ${auditId}::uuid as audit_id
    ), audit as (${auditCreatesSql(sql`written`, auditContext(model, actor))})
    select ${SYSTEM_COLUMNS_SQL} from written`;
}

export interface RecordChange {
  id: string;
  /** The version the change was computed from: the row is written only if it still has it. */
  expectedVersion: number;
  /** Only rows in the actor's scope are written. */
  scope: RawBuilder<unknown> | undefined;
}

/** The guarded update (`where version = expected`): no row comes back when someone else wrote first. */
export function updateRecordSql(
  model: EntityModel,
  actor: RecordActor,
  change: RecordChange & { data: Record<string, unknown>; ownerId: string | null | undefined; changes: Record<string, FieldChange> },
): RawBuilder<RecordRow> {
  const owner =
    change.ownerId === undefined
      ? sql``
      : sql`, owner_id = ${change.ownerId}::uuid, department_id = (select u.department_id from crm_user u where u.id = ${change.ownerId}::uuid)`;
  return guardedWrite(
    model,
    actor,
    change,
    sql`data = ${JSON.stringify(change.data)}::jsonb, def_version = ${model.version} ${owner}`,
    sql`deleted_at is null`,
    'update',
    change.changes,
  );
}

/** Soft delete (or restore) guarded like an update. */
export function setDeletedSql(model: EntityModel, actor: RecordActor, change: RecordChange, operation: 'delete' | 'restore'): RawBuilder<RecordRow> {
  return operation === 'delete'
    ? guardedWrite(model, actor, change, sql`deleted_at = now()`, sql`deleted_at is null`, operation, {})
    : guardedWrite(model, actor, change, sql`deleted_at = null`, sql`deleted_at is not null`, operation, {});
}

function guardedWrite(
  model: EntityModel,
  actor: RecordActor,
  change: RecordChange,
  set: RawBuilder<unknown>,
  state: RawBuilder<unknown>,
  operation: 'update' | 'delete' | 'restore',
  changes: Record<string, FieldChange>,
): RawBuilder<RecordRow> {
  const inScope = change.scope ? sql`and ${change.scope}` : sql``;
  return sql<RecordRow>`
    with written as (
      update ${recordTable(model.name)} set ${set}, version = version + 1, updated_at = now(), updated_by = ${actor.userId}::uuid
      where id = ${change.id}::uuid and version = ${change.expectedVersion} and ${state} ${inScope}
      returning ${RECORD_COLUMNS_SQL}
    ), audit as (${auditChangeSql(sql`written`, operation, changes, auditContext(model, actor))})
    select * from written`;
}

/**
 * A merge patch as one statement: the row is locked and read (`old`), merged in SQL
 * (`data || set - unset`), written only if it still has the expected version, and its audit
 * entry lists the patched fields whose value changed, before and after. For writes no hook sees;
 * the fields the patch sets were validated beforehand.
 */
export function patchRecordSql(
  model: EntityModel,
  actor: RecordActor,
  change: RecordChange & { set: Record<string, unknown>; unset: string[]; ownerId: string | null | undefined },
): RawBuilder<RecordRow> {
  const table = recordTable(model.name);
  const inScope = change.scope ? sql`and ${change.scope}` : sql``;
  const owner =
    change.ownerId === undefined
      ? sql``
      : sql`, owner_id = ${change.ownerId}::uuid, department_id = (select u.department_id from crm_user u where u.id = ${change.ownerId}::uuid)`;
  const keys = [...Object.keys(change.set), ...change.unset];
  const context = auditContext(model, actor);
  return sql<RecordRow>`
    with old as (
      select id, data from ${table}
      where id = ${change.id}::uuid and version = ${change.expectedVersion} and deleted_at is null ${inScope}
      for update
    ), written as (
      update ${table} t set data = (t.data || ${JSON.stringify(change.set)}::jsonb) - ${change.unset}::text[],
        version = t.version + 1, def_version = ${model.version}, updated_at = now(), updated_by = ${actor.userId}::uuid ${owner}
      from old where t.id = old.id
      returning t.id, t.version, t.def_version, t.data, t.owner_id, t.department_id, t.created_by, t.updated_by,
        t.created_at, t.updated_at, t.deleted_at, old.data as old_data
    ), audit as (
      insert into crm_audit_entry (id, actor_id, request_id, action, entity, record_id, changes, context)
      select ${auditIds(1)[0]}::uuid, ${context.actorId}::uuid, ${context.requestId}, 'update', ${context.entity}, w.id,
        coalesce((select jsonb_object_agg(k, jsonb_build_object('before', w.old_data -> k, 'after', w.data -> k))
          from unnest(${keys}::text[]) k where (w.old_data -> k) is distinct from (w.data -> k)), '{}'::jsonb),
        jsonb_build_object('version', w.version, 'definitionVersion', ${context.definitionVersion}::integer)
      from written w
    )
    select ${RECORD_COLUMNS_SQL} from written`;
}
