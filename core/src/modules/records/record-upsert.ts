import { isDeepStrictEqual } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { Em } from '../../db/create-orm.js';
import { appendAuditEntries, diffRecordData } from '../audit/audit-trail.js';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { assertWritable, requirePermission, scopeSql, visibleModel } from './record-access.js';
import { resolveColumn } from './field-sql.js';
import { isUuid } from './record-filter.js';
import type { RecordHooks } from './record-hooks.js';
import { RECORD_COLUMNS_SQL } from './record-list-query.js';
import { assertReferencesExist } from './record-references.js';
import { recordTable } from './record-table.js';
import type { ApiRecord, RecordActor, RecordRow } from './record-types.js';
import { asObject, dataOf, visibleData } from './records.service.js';

export interface UpsertOutcome {
  id: string;
  action: 'created' | 'updated' | 'unchanged';
}

/** What the records service lends the upsert: its own create, validation, hooks and transaction. */
export interface UpsertDeps {
  registry: DefinitionRegistry;
  hooks: RecordHooks;
  createMany: (inputs: unknown[], pathPrefix: string, em: Em) => Promise<ApiRecord[]>;
  validate: (model: EntityModel, data: Record<string, unknown>, pathPrefix: string) => void;
  runBeforeHooks: (em: Em, model: EntityModel, id: string, before: Record<string, unknown>, data: Record<string, unknown>) => Promise<void>;
  inTransaction: <T>(work: (em: Em, db: Kysely<unknown>) => Promise<T>) => Promise<T>;
}

const NEW_PREFIX = '/__new';

/**
 * Upsert by a key field (or `id`): inputs whose key matches no record are created through
 * `createMany`; a match is merge-patched (null clears a field), validated and audited like any
 * update. Last writer wins: an import carries no record version. Keys are locked for the
 * transaction so two concurrent upserts of one new key cannot both create it. All or nothing;
 * errors name the input by position (`/records/3/name`).
 */
export async function upsertRecords(
  deps: UpsertDeps, entity: string, inputs: unknown[], key: string, actor: RecordActor, pathPrefix: string,
): Promise<UpsertOutcome[]> {
  const model = deps.registry.get(entity);
  requirePermission(actor, model, 'create');
  const permission = requirePermission(actor, model, 'update');
  const view = visibleModel(model, permission);
  const column = resolveColumn(view, key);
  if (key !== 'id' && (!column.field || column.sqlKind === 'array' || column.sqlKind === 'object' || column.sqlKind === 'boolean')) {
    throw new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: `"${key}" cannot be an upsert key: use id or a text or number field` } });
  }
  const problems: FieldError[] = [];
  const seen = new Map<string, number>();
  const items = inputs.map((input, index) => {
    const prefix = `${pathPrefix}/${index}`;
    const body = asObject(input, prefix);
    const raw = body[key];
    const value = raw === undefined || raw === null || raw === '' ? undefined : String(raw);
    if (value === undefined) problems.push({ path: `${prefix}/${key}`, keyword: 'required', message: `the key "${key}" is needed to upsert` });
    else if (key === 'id' && !isUuid(value)) problems.push({ path: `${prefix}/id`, keyword: 'format', message: 'must be a UUID' });
    else if (seen.has(value)) problems.push({ path: `${prefix}/${key}`, keyword: 'uniqueItems', message: `the same key as row ${seen.get(value)}` });
    else seen.set(value, index);
    return { index, prefix, body, key: key === 'id' ? value?.toLowerCase() : value };
  });
  if (problems.length) throw new CrmError('CRM_ERR_VALIDATION', { fields: problems });
  const keys = items.map((item) => item.key!);
  return deps.inTransaction(async (em, db) => {
    await sql`select count(pg_advisory_xact_lock(h)) from (
      select hashtextextended(${`${entity}:${key}:`} || k, 0) as h from unnest(${keys}::text[]) as k order by 1) as locks`.execute(db);
    const cast = sql.raw(key === 'id' ? 'uuid' : column.cast);
    const { rows } = await sql<RecordRow & { _key: string; _in_scope: boolean }>`
      select ${RECORD_COLUMNS_SQL}, (${column.expression})::text as _key, ${inScope(actor, permission)} as _in_scope
      from ${recordTable(entity)}
      where deleted_at is null and ${column.expression} = any(cast(${keys} as ${cast}[])) for update`.execute(db);
    const byKey = new Map<string, (RecordRow & { _in_scope: boolean })[]>();
    for (const row of rows) byKey.set(normalKey(row._key, key), [...(byKey.get(normalKey(row._key, key)) ?? []), row]);

    const outcomes: UpsertOutcome[] = new Array(items.length);
    const toCreate: typeof items = [];
    const toUpdate: { item: (typeof items)[number]; row: RecordRow; next: Record<string, unknown> }[] = [];
    for (const item of items) {
      const found = byKey.get(normalKey(item.key!, key)) ?? [];
      if (found.length === 0) {
        toCreate.push(item);
        continue;
      }
      if (found.length > 1) {
        problems.push({ path: `${item.prefix}/${key}`, keyword: 'x-crm-key', message: `${found.length} records have this ${key}` });
        continue;
      }
      const row = found[0]!;
      if (!row._in_scope) {
        problems.push({ path: `${item.prefix}/${key}`, keyword: 'x-crm-scope', message: 'a record with this key exists outside what you may change' });
        continue;
      }
      const changes = dataOf(item.body);
      try {
        assertWritable(permission, changes, item.prefix);
      } catch (error) {
        if (!(error instanceof CrmError)) throw error;
        problems.push(...error.fields);
        continue;
      }
      const next: Record<string, unknown> = { ...row.data };
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) delete next[name];
        else next[name] = value;
      }
      if (isDeepStrictEqual(next, row.data)) {
        outcomes[item.index] = { id: row.id, action: 'unchanged' };
        continue;
      }
      await deps.runBeforeHooks(em, model, row.id, row.data, next);
      try {
        deps.validate(model, visibleData(model, next), item.prefix);
      } catch (error) {
        if (!(error instanceof CrmError) || error.code !== 'CRM_ERR_VALIDATION') throw error;
        problems.push(...error.fields);
        continue;
      }
      toUpdate.push({ item, row, next });
    }
    if (problems.length) throw new CrmError('CRM_ERR_VALIDATION', { fields: problems });

    if (toUpdate.length) {
      await assertReferencesExist(db, deps.registry, model, toUpdate.map(({ item, next }) => ({
        data: Object.fromEntries(Object.entries(next).filter(([name]) => name in item.body)),
        pathPrefix: item.prefix,
      })));
      const payload = toUpdate.map(({ row, next }) => ({ id: row.id, data: next }));
      const { rows: updated } = await sql<RecordRow>`
        update ${recordTable(entity)} as t set data = x.data, version = t.version + 1, def_version = ${model.version},
          updated_at = now(), updated_by = ${actor.userId}::uuid
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(id uuid, data jsonb)
        where t.id = x.id returning ${sql.raw(RECORD_COLUMNS_SQL_QUALIFIED)}`.execute(db);
      const byId = new Map(updated.map((row) => [row.id, row]));
      // Record writes carry their own audit entries (record-audit.ts); these are written here, in the same transaction.
      await appendAuditEntries(db, toUpdate.map(({ row }) => {
        const after = byId.get(row.id)!;
        return {
          action: 'update' as const, actorId: actor.userId, requestId: actor.requestId, entity, recordId: row.id,
          changes: diffRecordData(row.data, after.data), context: { version: after.version, definitionVersion: model.version },
        };
      }));
      if (deps.hooks.hasAfter()) {
        await deps.hooks.runAfter(toUpdate.map(({ row }) => {
          const after = byId.get(row.id)!;
          return { operation: 'update' as const, model, actor, id: row.id, before: row.data, after: after.data, version: after.version, em };
        }));
      }
      for (const { item, row } of toUpdate) outcomes[item.index] = { id: row.id, action: 'updated' };
    }

    if (toCreate.length) {
      let created: ApiRecord[];
      try {
        created = await deps.createMany(toCreate.map((item) => item.body), NEW_PREFIX, em);
      } catch (error) {
        throw error instanceof CrmError ? renumbered(error, toCreate.map((item) => item.prefix)) : error;
      }
      created.forEach((record, i) => (outcomes[toCreate[i]!.index] = { id: record.id, action: 'created' }));
    }
    return outcomes;
  });
}

const RECORD_COLUMNS_SQL_QUALIFIED = 't.id, t.version, t.def_version, t.data, t.owner_id, t.department_id, t.created_by, t.updated_by, t.created_at, t.updated_at, t.deleted_at';

function inScope(actor: RecordActor, permission: ReturnType<typeof requirePermission>) {
  const scope = scopeSql(actor, permission);
  return scope ? sql`coalesce(${scope}, false)` : sql`true`;
}

/** Keys compare as PostgreSQL prints them: ids in lower case, numbers without trailing zeros. */
function normalKey(value: string, key: string): string {
  if (key === 'id') return value.toLowerCase();
  return /^-?\d+(\.\d+)?$/.test(value) && value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** Errors of the created subset name their position in the whole input again. */
function renumbered(error: CrmError, prefixes: string[]): CrmError {
  if (error.fields.length === 0) return error;
  const fields = error.fields.map((field) => {
    const match = new RegExp(`^${NEW_PREFIX}/(\\d+)(.*)$`).exec(field.path);
    return match ? { ...field, path: `${prefixes[Number(match[1])]}${match[2]}` } : field;
  });
  return new CrmError(error.code, { params: error.params, fields, ...(error.details ? { details: error.details } : {}) });
}
