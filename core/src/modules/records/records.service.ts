import { sql, type Kysely, type RawBuilder } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Em, Orm } from '../../db/create-orm.js';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { toFieldErrors, type RecordValidatorCache } from '../validation/record-validator.js';
import { encodeCursor } from './record-cursor.js';
import { isUuid, type FilterContext } from './record-filter.js';
import { buildListSql, RECORD_COLUMNS_SQL } from './record-list-query.js';
import type { RecordHooks, RecordOperation } from './record-hooks.js';
import { toApiRecord } from './record-mapper.js';
import { assertReferencesExist } from './record-references.js';
import { recordTable } from './record-table.js';
import {
  READ_ONLY_SYSTEM_FIELDS,
  type ApiRecord,
  type ListQuery,
  type ListResult,
  type RecordActor,
  type RecordRow,
} from './record-types.js';
import { expandReferences } from './record-expand.js';
import { upsertRecords, type UpsertOutcome } from './record-upsert.js';
import { assertWritable, requirePermission, scopeSql, visibleModel } from './record-access.js';

export const MAX_BULK_RECORDS = 5000;

/**
 * `em`: the caller's transaction (an entity manager inside `em.transactional`, or a job's `em`).
 * The operation then reads and writes through it and commits or rolls back with it; on PGlite,
 * which has one session, that is the only way to write from inside another transaction.
 */
export interface WriteOptions {
  em?: Em;
}
export { MAX_PAGE_SIZE } from './record-list-query.js';

const COLUMNS = RECORD_COLUMNS_SQL;
/** The server itself (no session): full access. */
export const SYSTEM_ACTOR: RecordActor = { userId: null, departmentId: null, locale: 'en', requestId: null };
const UNIQUE_VIOLATION = '23505';

/** The one service every entity's records go through, built-in or custom. */
export class RecordsService {
  /** Resolves what a filter refers to outside the entity (record groups); set by the segments module. */
  filterContext: (filter: unknown, em?: Em) => Promise<FilterContext> = async () => ({});

  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    private readonly validators: RecordValidatorCache,
    private readonly hooks: RecordHooks,
  ) {}

  async list(entity: string, query: ListQuery, actor: RecordActor = SYSTEM_ACTOR, options: WriteOptions = {}): Promise<ListResult> {
    const stored = this.registry.get(entity);
    const permission = requirePermission(actor, stored, 'read');
    const model = visibleModel(stored, permission);
    const fields = this.fieldSet(model, query.fields);
    const expand = this.expandFields(model, query.expand);
    const listSql = buildListSql(model, query, scopeSql(actor, permission), await this.filterContext(query.filter, options.em));
    const db = this.db(options.em);
    const [{ rows }, countResult] = await Promise.all([
      listSql.page.execute(db) as Promise<{ rows: (RecordRow & Record<string, string | null>)[] }>,
      query.withTotal ? listSql.count.execute(db) : Promise.resolve(undefined),
    ]);
    const hasMore = rows.length > listSql.limit;
    const pageRows = hasMore ? rows.slice(0, listSql.limit) : rows;
    const last = pageRows.at(-1);
    const data = pageRows.map((row) => toApiRecord(model, row, fields));
    if (expand.length) await expandReferences(db, this.registry, model, data, expand, actor);
    const result: ListResult = {
      data,
      page: {
        limit: listSql.limit,
        has_more: hasMore,
        next_cursor: hasMore && last ? encodeCursor(listSql.signature, listSql.keys.map((_, i) => last[`_k${i}`] ?? null)) : null,
      },
    };
    if (countResult) result.total = Number(countResult.rows[0]?.total ?? 0);
    return result;
  }

  async get(
    entity: string,
    id: string,
    options: { fields?: string[]; expand?: string[]; trashed?: boolean } & WriteOptions = {},
    actor: RecordActor = SYSTEM_ACTOR,
  ): Promise<ApiRecord> {
    const stored = this.registry.get(entity);
    const permission = requirePermission(actor, stored, 'read');
    const model = visibleModel(stored, permission);
    const db = this.db(options.em);
    const row = await this.findRow(db, model, id, options.trashed ?? false, false, scopeSql(actor, permission));
    const record = toApiRecord(model, row, this.fieldSet(model, options.fields));
    const expand = this.expandFields(model, options.expand);
    if (expand.length) await expandReferences(db, this.registry, model, [record], expand, actor);
    return record;
  }

  async create(entity: string, input: unknown, actor: RecordActor, options: WriteOptions = {}): Promise<ApiRecord> {
    const [record] = await this.createMany(entity, [input], actor, '', options);
    return record!;
  }

  /** Creates all records or none; errors name the record by its position (`/records/3/name`). */
  async createMany(entity: string, inputs: unknown[], actor: RecordActor, pathPrefix = '/records', options: WriteOptions = {}): Promise<ApiRecord[]> {
    const model = this.registry.get(entity);
    const permission = requirePermission(actor, model, 'create');
    if (inputs.length > MAX_BULK_RECORDS) throw new CrmError('CRM_ERR_TOO_MANY_RECORDS', { params: { max: MAX_BULK_RECORDS } });
    const prepared = inputs.map((input, i) => {
      const prefix = pathPrefix ? `${pathPrefix}/${i}` : '';
      const body = asObject(input, prefix);
      const id = body.id === undefined ? uuidv7() : body.id;
      if (typeof id !== 'string' || !isUuid(id)) {
        throw new CrmError('CRM_ERR_VALIDATION', { fields: [{ path: `${prefix}/id`, keyword: 'format', message: 'must be a UUID' }] });
      }
      const ownerId = body.owner_id === undefined ? actor.userId : body.owner_id;
      if (ownerId !== null && (typeof ownerId !== 'string' || !isUuid(ownerId))) {
        throw new CrmError('CRM_ERR_VALIDATION', { fields: [{ path: `${prefix}/owner_id`, keyword: 'format', message: 'must be a UUID' }] });
      }
      const data = dataOf(body);
      assertWritable(permission, data, prefix, actor.locale);
      return { id: id.toLowerCase(), ownerId, data: withDefaults(model, data), prefix };
    });
    return this.inTransaction(options.em, async (em, db) => {
      // Every record is checked before refusing, so one answer names all the bad rows.
      const problems: FieldError[] = [];
      for (const item of prepared) {
        await this.runBeforeHooks(em, 'create', model, actor, item.id, undefined, item.data);
        try {
          this.validate(model, item.data, actor, item.prefix);
        } catch (error) {
          if (!(error instanceof CrmError) || error.code !== 'CRM_ERR_VALIDATION') throw error;
          problems.push(...error.fields);
        }
      }
      if (problems.length) throw new CrmError('CRM_ERR_VALIDATION', { fields: problems });
      await assertReferencesExist(db, this.registry, model, prepared.map((p) => ({ data: p.data, pathPrefix: p.prefix })), new Set(prepared.map((p) => p.id)));
      const payload = prepared.map((item) => ({ id: item.id, data: item.data, owner_id: item.ownerId }));
      let rows: RecordRow[];
      try {
        ({ rows } = await sql<RecordRow>`
          insert into ${recordTable(entity)} (id, def_version, data, owner_id, department_id, created_by, updated_by)
          select x.id, ${model.version}, x.data, x.owner_id,
            coalesce((select u.department_id from crm_user u where u.id = x.owner_id), ${actor.departmentId}::uuid),
            ${actor.userId}::uuid, ${actor.userId}::uuid
          from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(id uuid, data jsonb, owner_id uuid)
          returning ${COLUMNS}`.execute(db));
      } catch (error) {
        if (pgCode(error) === UNIQUE_VIOLATION) {
          throw new CrmError('CRM_ERR_RECORD_EXISTS', { params: { entity, id: duplicateId(error) ?? prepared.map((p) => p.id).join(', ') } });
        }
        throw error;
      }
      if (this.hooks.hasAfter()) {
        await this.hooks.runAfter(rows.map((row) => ({ operation: 'create', model, actor, id: row.id, before: undefined, after: row.data, version: row.version, em })));
      }
      const byId = new Map(rows.map((row) => [row.id, row]));
      const view = visibleModel(model, permission);
      return prepared.map((item) => toApiRecord(view, byId.get(item.id)!));
    });
  }

  /** Creates the records whose key is new and merge-patches those it finds (record-upsert.ts). */
  async upsertMany(entity: string, inputs: unknown[], key: string, actor: RecordActor, pathPrefix = '/records', options: WriteOptions = {}): Promise<UpsertOutcome[]> {
    return upsertRecords(
      {
        registry: this.registry,
        hooks: this.hooks,
        createMany: (items, prefix, em) => this.createMany(entity, items, actor, prefix, { em }),
        validate: (model, data, prefix) => this.validate(model, data, actor, prefix),
        runBeforeHooks: (em, model, id, before, data) => this.runBeforeHooks(em, 'update', model, actor, id, before, data),
        inTransaction: (work) => this.inTransaction(options.em, work),
      },
      entity, inputs, key, actor, pathPrefix,
    );
  }

  /** JSON merge patch (null clears a field) guarded by the version the client last saw. */
  async update(
    entity: string, id: string, patch: unknown, expectedVersion: number | undefined, actor: RecordActor, options: WriteOptions = {},
  ): Promise<ApiRecord> {
    const model = this.registry.get(entity);
    const permission = requirePermission(actor, model, 'update');
    const view = visibleModel(model, permission);
    const changes = dataOf(asObject(patch, ''));
    assertWritable(permission, changes, '', actor.locale);
    if (expectedVersion === undefined) throw new CrmError('CRM_ERR_VERSION_REQUIRED');
    return this.inTransaction(options.em, async (em, db) => {
      const row = await this.findRow(db, model, id, false, true, scopeSql(actor, permission));
      if (row.version !== expectedVersion) {
        throw new CrmError('CRM_ERR_VERSION_CONFLICT', { params: { expected: expectedVersion, actual: row.version }, details: { current: toApiRecord(view, row) } });
      }
      const next: Record<string, unknown> = { ...row.data };
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) delete next[key];
        else next[key] = value;
      }
      await this.runBeforeHooks(em, 'update', model, actor, id, row.data, next);
      this.validate(model, visibleData(model, next), actor, '');
      const changedRefs = Object.fromEntries(Object.entries(next).filter(([key]) => key in changes));
      await assertReferencesExist(db, this.registry, model, [{ data: changedRefs, pathPrefix: '' }]);
      const ownerId = ownerChange(patch);
      const { rows } = await sql<RecordRow>`
        update ${recordTable(entity)} set data = ${JSON.stringify(next)}::jsonb, version = version + 1,
          def_version = ${model.version}, updated_at = now(), updated_by = ${actor.userId}::uuid
          ${ownerId === undefined ? sql`` : sql`, owner_id = ${ownerId}::uuid, department_id = (select u.department_id from crm_user u where u.id = ${ownerId}::uuid)`}
        where id = ${row.id} returning ${COLUMNS}`.execute(db);
      const updated = rows[0]!;
      if (this.hooks.hasAfter()) {
        await this.hooks.runAfter([{ operation: 'update', model, actor, id, before: row.data, after: updated.data, version: updated.version, em }]);
      }
      return toApiRecord(view, updated);
    });
  }

  /** Soft delete: the record disappears from lists and can be restored. */
  async remove(entity: string, id: string, expectedVersion: number | undefined, actor: RecordActor, options: WriteOptions = {}): Promise<void> {
    await this.setDeleted(entity, id, expectedVersion, actor, 'delete', options);
  }

  async restore(entity: string, id: string, actor: RecordActor, options: WriteOptions = {}): Promise<ApiRecord> {
    return this.setDeleted(entity, id, undefined, actor, 'restore', options);
  }

  private async setDeleted(
    entity: string, id: string, expectedVersion: number | undefined, actor: RecordActor, operation: 'delete' | 'restore', options: WriteOptions,
  ): Promise<ApiRecord> {
    const model = this.registry.get(entity);
    const permission = requirePermission(actor, model, 'delete');
    return this.inTransaction(options.em, async (em, db) => {
      const row = await this.findRow(db, model, id, operation === 'restore', true, scopeSql(actor, permission));
      if (expectedVersion !== undefined && row.version !== expectedVersion) {
        throw new CrmError('CRM_ERR_VERSION_CONFLICT', { params: { expected: expectedVersion, actual: row.version } });
      }
      await this.runBeforeHooks(em, operation, model, actor, id, row.data, { ...row.data });
      const deletedAt = operation === 'delete' ? sql`now()` : sql`null`;
      const { rows } = await sql<RecordRow>`
        update ${recordTable(entity)} set deleted_at = ${deletedAt}, version = version + 1, updated_at = now(), updated_by = ${actor.userId}::uuid
        where id = ${row.id} returning ${COLUMNS}`.execute(db);
      const changed = rows[0]!;
      if (this.hooks.hasAfter()) {
        await this.hooks.runAfter([{ operation, model, actor, id, before: row.data, after: changed.data, version: changed.version, em }]);
      }
      return toApiRecord(visibleModel(model, permission), changed);
    });
  }

  /** A row by id, within the actor's scope; outside it the record does not exist for them. */
  private async findRow(
    db: Kysely<unknown>,
    model: EntityModel,
    id: string,
    trashed: boolean,
    forUpdate = false,
    scope?: RawBuilder<unknown>,
  ): Promise<RecordRow> {
    if (!isUuid(id)) throw new CrmError('CRM_ERR_RECORD_NOT_FOUND', { params: { entity: model.name, id } });
    const deleted = trashed ? sql`deleted_at is not null` : sql`deleted_at is null`;
    const lock = forUpdate ? sql`for update` : sql``;
    const inScope = scope ? sql`and ${scope}` : sql``;
    const { rows } = await sql<RecordRow>`
      select ${COLUMNS} from ${recordTable(model.name)} where id = ${id}::uuid and ${deleted} ${inScope} ${lock}`.execute(db);
    if (!rows[0]) throw new CrmError('CRM_ERR_RECORD_NOT_FOUND', { params: { entity: model.name, id } });
    return rows[0];
  }

  private validate(model: EntityModel, data: Record<string, unknown>, actor: RecordActor, pathPrefix: string): void {
    const validate = this.validators.validatorFor(model);
    if (!validate(data)) {
      throw new CrmError('CRM_ERR_VALIDATION', { fields: toFieldErrors(validate.errors, actor.locale, pathPrefix) });
    }
    normalizeDateTimes(model, data);
  }

  private async runBeforeHooks(
    em: Em, operation: RecordOperation, model: EntityModel, actor: RecordActor, id: string,
    before: Record<string, unknown> | undefined, data: Record<string, unknown>,
  ): Promise<void> {
    if (this.hooks.hasBefore()) await this.hooks.runBefore({ operation, model, actor, id, before, data, em });
  }

  private fieldSet(model: EntityModel, fields: string[] | undefined): Set<string> | undefined {
    if (!fields?.length) return undefined;
    for (const name of fields) {
      if (!model.fields.has(name)) throw new CrmError('CRM_ERR_UNKNOWN_FIELD', { params: { field: name, entity: model.name } });
    }
    return new Set(fields);
  }

  private expandFields(model: EntityModel, expand: string[] | undefined): string[] {
    for (const name of expand ?? []) {
      const field = model.fields.get(name);
      if (!field) throw new CrmError('CRM_ERR_UNKNOWN_FIELD', { params: { field: name, entity: model.name } });
      if (!field.ref) throw new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: `"${name}" is not a reference field` } });
    }
    return expand ?? [];
  }

  private db(em?: Em): Kysely<unknown> {
    return (em ?? this.orm.em).getKysely() as Kysely<unknown>;
  }

  /** A write in its own transaction, or, given the caller's, in a savepoint of it. */
  private inTransaction<T>(outer: Em | undefined, work: (em: Em, db: Kysely<unknown>) => Promise<T>): Promise<T> {
    const em = outer ?? this.orm.em.fork();
    return em.transactional(async (trx) => work(trx as Em, trx.getKysely() as Kysely<unknown>));
  }
}

export function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CrmError('CRM_ERR_VALIDATION', { fields: [{ path: path || '/', keyword: 'type', message: 'must be an object' }] });
  }
  return value as Record<string, unknown>;
}

/** The data fields of a request body: system fields are not data (owner_id travels separately). */
export function dataOf(body: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'owner_id' || READ_ONLY_SYSTEM_FIELDS.has(key)) continue;
    data[key] = value;
  }
  return data;
}

function ownerChange(patch: unknown): string | null | undefined {
  const owner = (patch as Record<string, unknown>).owner_id;
  if (owner === undefined) return undefined;
  if (owner === null || (typeof owner === 'string' && isUuid(owner))) return owner;
  throw new CrmError('CRM_ERR_VALIDATION', { fields: [{ path: '/owner_id', keyword: 'format', message: 'must be a UUID' }] });
}

export function withDefaults(model: EntityModel, data: Record<string, unknown>): Record<string, unknown> {
  for (const field of model.fields.values()) {
    if (data[field.name] === undefined && field.schema.default !== undefined) data[field.name] = structuredClone(field.schema.default);
  }
  return data;
}

/** Stored data minus removed fields: those are kept but no longer validated. */
export function visibleData(model: EntityModel, data: Record<string, unknown>): Record<string, unknown> {
  if (model.removedFields.size === 0) return data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !model.removedFields.has(key)));
}

/** Date-times are stored in UTC ISO form so that text order is time order. */
function normalizeDateTimes(model: EntityModel, data: Record<string, unknown>): void {
  for (const field of model.fields.values()) {
    const value = data[field.name];
    if (field.type === 'datetime' && typeof value === 'string') data[field.name] = new Date(value).toISOString();
  }
}

export function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function duplicateId(error: unknown): string | undefined {
  const detail = (error as { detail?: unknown }).detail;
  return typeof detail === 'string' ? /\(id\)=\(([^)]+)\)/.exec(detail)?.[1] : undefined;
}
