import { sql, type Kysely, type RawBuilder } from 'kysely';
import { uuidv7 } from '../../shared/uuid-v7.js';
import type { Em, Orm } from '../../db/create-orm.js';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel } from '../metadata/entity-model.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { requiredError, toFieldErrors, type RecordValidatorCache } from '../validation/record-validator.js';
import { encodeCursor } from './record-cursor.js';
import { isUuid, type FilterContext } from './record-filter.js';
import { buildListSql, RECORD_COLUMNS_SQL } from './record-list-query.js';
import type { RecordHooks, RecordOperation } from './record-hooks.js';
import { countRecords, DEFAULT_EXACT_COUNT_LIMIT } from './record-count.js';
import { bulkLoad, type BulkLoadOptions, type BulkLoadResult } from './record-bulk-load.js';
import type { RecordIndexBuilder } from './record-index-builder.js';
import { insertRecordsSql, patchRecordSql, setDeletedSql, updateRecordSql, type CreatedRow } from './record-write-sql.js';
import { diffRecordData } from '../audit/audit-trail.js';
import { toApiRecord } from './record-mapper.js';
import {
  asObject, dataOf, duplicateId, normalizeDateTimes, ownerChange, pgCode, versionConflict, visibleData, withDefaults,
} from './record-input.js';
import { assertReferencesExist } from './record-references.js';
import { recordTable } from './record-table.js';
import type { ApiRecord, ListQuery, ListResult, RecordActor, RecordRow } from './record-types.js';
import { expandReferences } from './record-expand.js';
import { upsertRecords, type UpsertOutcome } from './record-upsert.js';
import { assertWritable, requirePermission, scopeSql, visibleModel } from './record-access.js';

export const MAX_BULK_RECORDS = 5000;
// Helpers other record modules use (record-upsert.ts) live in record-input.ts.
export { asObject, dataOf, pgCode, visibleData, withDefaults } from './record-input.js';

/**
 * `em`: the caller's transaction (an entity manager inside `em.transactional`, or a job's `em`).
 * The operation then reads and writes through it and commits or rolls back with it; on PGlite,
 * which has one session, that is the only way to write from inside another transaction.
 */
export interface WriteOptions {
  em?: Em;
}
export { DEFAULT_EXACT_COUNT_LIMIT } from './record-count.js';
export { MAX_PAGE_SIZE } from './record-list-query.js';

const COLUMNS = RECORD_COLUMNS_SQL;
/** The server itself (no session): full access. */
export const SYSTEM_ACTOR: RecordActor = { userId: null, departmentId: null, locale: 'en', requestId: null };
const UNIQUE_VIOLATION = '23505';

export interface RecordsServiceOptions {
  /** `total=true` counts exactly up to this many records and estimates above (see record-count.ts). */
  exactCountLimit?: number | undefined;
  /** Lets bulk loads drop field indexes and build them again afterwards. */
  indexes?: RecordIndexBuilder;
}

/** The one service every entity's records go through, built-in or custom. */
export class RecordsService {
  /** Resolves what a filter refers to outside the entity (record groups); set by the segments module. */
  filterContext: (filter: unknown, em?: Em) => Promise<FilterContext> = async () => ({});

  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    private readonly validators: RecordValidatorCache,
    private readonly hooks: RecordHooks,
    private readonly options: RecordsServiceOptions = {},
  ) {}

  private get exactCountLimit(): number {
    return this.options.exactCountLimit ?? DEFAULT_EXACT_COUNT_LIMIT;
  }

  async list(entity: string, query: ListQuery, actor: RecordActor = SYSTEM_ACTOR, options: WriteOptions = {}): Promise<ListResult> {
    const stored = this.registry.get(entity);
    const permission = requirePermission(actor, stored, 'read');
    const model = visibleModel(stored, permission);
    const fields = this.fieldSet(model, query.fields);
    const expand = this.expandFields(model, query.expand);
    const listSql = buildListSql(model, query, scopeSql(actor, permission), await this.filterContext(query.filter, options.em));
    const db = this.db(options.em);
    const [{ rows }, total] = await Promise.all([
      listSql.page.execute(db) as Promise<{ rows: (RecordRow & Record<string, string | null>)[] }>,
      query.withTotal ? countRecords(db, listSql, query.withTotal === 'exact' ? undefined : this.exactCountLimit) : Promise.resolve(undefined),
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
    if (total) {
      result.total = total.total;
      result.total_estimated = total.estimated;
    }
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
    return this.write(model, options, async (db, em) => {
      // Every record is checked before refusing, so one answer names all the bad rows.
      const problems: FieldError[] = [];
      for (const item of prepared) {
        if (em) await this.runBeforeHooks(em, 'create', model, actor, item.id, undefined, item.data);
        try {
          this.validate(model, item.data, actor, item.prefix);
        } catch (error) {
          if (!(error instanceof CrmError) || error.code !== 'CRM_ERR_VALIDATION') throw error;
          problems.push(...error.fields);
        }
      }
      if (problems.length) throw new CrmError('CRM_ERR_VALIDATION', { fields: problems });
      await assertReferencesExist(db, this.registry, model, prepared.map((p) => ({ data: p.data, pathPrefix: p.prefix })), new Set(prepared.map((p) => p.id)));
      let rows: CreatedRow[];
      try {
        ({ rows } = await insertRecordsSql(model, actor, prepared).execute(db));
      } catch (error) {
        if (pgCode(error) === UNIQUE_VIOLATION) {
          throw new CrmError('CRM_ERR_RECORD_EXISTS', { params: { entity, id: duplicateId(error) ?? prepared.map((p) => p.id).join(', ') } });
        }
        throw error;
      }
      const byId = new Map(rows.map((row) => [row.id, row]));
      const written = prepared.map((item) => ({ ...byId.get(item.id)!, data: item.data }));
      if (em && this.hooks.hasAfter(model)) {
        await this.hooks.runAfter(written.map((row) => ({ operation: 'create', model, actor, id: row.id, before: undefined, after: row.data, version: row.version, em })));
      }
      const view = visibleModel(model, permission);
      return written.map((row) => toApiRecord(view, row));
    });
  }

  /**
   * Creates many records, batch by batch, through `createMany` (each batch all or nothing), with
   * the next batch validated while one is written and, for a load at least the size of the
   * table, field indexes built once at the end. See record-bulk-load.ts.
   */
  async bulkLoad(entity: string, batches: AsyncIterable<unknown[]> | Iterable<unknown[]>, actor: RecordActor, options: BulkLoadOptions = {}): Promise<BulkLoadResult> {
    const model = this.registry.get(entity);
    requirePermission(actor, model, 'create');
    const deps = { orm: this.orm, indexes: this.options.indexes, createMany: (inputs: unknown[], prefix: string) => this.createMany(entity, inputs, actor, prefix) };
    return bulkLoad(deps, model, batches, options);
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
    const scope = scopeSql(actor, permission);
    const validatePatch = this.hooks.appliesTo(model) ? undefined : this.validators.patchValidatorFor(model);
    return this.write(model, options, async (db, em) => {
      if (!em && validatePatch) return this.patchInOneStatement(db, model, view, id, patch, changes, expectedVersion, actor, scope, validatePatch);
      // Hooks may rely on the row staying as read until commit: lock it. Without hooks the guarded
      // update below (`where version = expected`) is enough to refuse a lost update.
      const row = await this.findRow(db, model, id, false, em !== undefined, scope);
      if (row.version !== expectedVersion) throw versionConflict(view, row, expectedVersion);
      const next: Record<string, unknown> = { ...row.data };
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) delete next[key];
        else next[key] = value;
      }
      if (em) await this.runBeforeHooks(em, 'update', model, actor, id, row.data, next);
      this.validate(model, visibleData(model, next), actor, '');
      const changedRefs = Object.fromEntries(Object.entries(next).filter(([key]) => key in changes));
      await assertReferencesExist(db, this.registry, model, [{ data: changedRefs, pathPrefix: '' }]);
      const { rows } = await updateRecordSql(model, actor, {
        id: row.id,
        expectedVersion,
        scope,
        data: next,
        ownerId: ownerChange(patch),
        changes: diffRecordData(row.data, next),
      }).execute(db);
      const updated = rows[0] ?? (await this.lostRace(db, view, model, id, expectedVersion, scope));
      if (em && this.hooks.hasAfter(model)) {
        await this.hooks.runAfter([{ operation: 'update', model, actor, id, before: row.data, after: updated.data, version: updated.version, em }]);
      }
      return toApiRecord(view, updated);
    });
  }

  /**
   * An update no hook needs to see, on an entity whose schema checks each field on its own: the
   * fields the patch sets are validated (as they would be in the merged record), a cleared field
   * must not be required, and read, merge, guarded write and audit entry are one statement.
   */
  private async patchInOneStatement(
    db: Kysely<unknown>, model: EntityModel, view: EntityModel, id: string, patch: unknown, changes: Record<string, unknown>, expectedVersion: number,
    actor: RecordActor, scope: RawBuilder<unknown> | undefined, validatePatch: ValidateFunction,
  ): Promise<ApiRecord> {
    if (!isUuid(id)) throw new CrmError('CRM_ERR_RECORD_NOT_FOUND', { params: { entity: model.name, id } });
    const set: Record<string, unknown> = {};
    const unset: string[] = [];
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) unset.push(key);
      else set[key] = value;
    }
    const checked = visibleData(model, set);
    const cleared = unset.filter((name) => model.fields.get(name)?.required);
    if (!validatePatch(checked) || cleared.length) {
      const errors = [...(validatePatch.errors ?? []), ...cleared.map((name) => requiredError(name))];
      throw new CrmError('CRM_ERR_VALIDATION', { fields: toFieldErrors(errors, actor.locale, '') });
    }
    normalizeDateTimes(model, set);
    await assertReferencesExist(db, this.registry, model, [{ data: set, pathPrefix: '' }]);
    const { rows } = await patchRecordSql(model, actor, { id, expectedVersion, scope, set, unset, ownerId: ownerChange(patch) }).execute(db);
    return toApiRecord(view, rows[0] ?? (await this.lostRace(db, view, model, id, expectedVersion, scope)));
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
    const scope = scopeSql(actor, permission);
    const view = visibleModel(model, permission);
    const trashed = operation === 'restore';
    return this.write(model, options, async (db, em) => {
      for (let attempt = 1; ; attempt++) {
        const row = await this.findRow(db, model, id, trashed, em !== undefined, scope);
        if (expectedVersion !== undefined && row.version !== expectedVersion) {
          throw new CrmError('CRM_ERR_VERSION_CONFLICT', { params: { expected: expectedVersion, actual: row.version } });
        }
        if (em) await this.runBeforeHooks(em, operation, model, actor, id, row.data, { ...row.data });
        const { rows } = await setDeletedSql(model, actor, { id: row.id, expectedVersion: row.version, scope }, operation).execute(db);
        const changed = rows[0];
        if (!changed) {
          // Without a version from the client a concurrent write is no conflict: read again, try again.
          if (expectedVersion === undefined && attempt < 3) continue;
          return this.lostRace(db, view, model, id, row.version, scope, trashed);
        }
        if (em && this.hooks.hasAfter(model)) {
          await this.hooks.runAfter([{ operation, model, actor, id, before: row.data, after: changed.data, version: changed.version, em }]);
        }
        return toApiRecord(view, changed);
      }
    });
  }

  /**
   * A guarded write matched no row: another request changed (or deleted) the record between our
   * read and our write. Answers as if that request had come first: 404 or 409 with the current record.
   */
  private async lostRace(
    db: Kysely<unknown>, view: EntityModel, model: EntityModel, id: string, expectedVersion: number,
    scope: RawBuilder<unknown> | undefined, trashed = false,
  ): Promise<never> {
    const current = await this.findRow(db, model, id, trashed, false, scope);
    throw versionConflict(view, current, expectedVersion);
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

  /** A write in its own transaction, or, given the caller's, in a savepoint of it (upserts lock and read first). */
  private inTransaction<T>(outer: Em | undefined, work: (em: Em, db: Kysely<unknown>) => Promise<T>): Promise<T> {
    const em = outer ?? this.orm.em.fork();
    return em.transactional(async (trx) => work(trx as Em, trx.getKysely() as Kysely<unknown>));
  }

  /**
   * Runs a write. Hooks get an entity manager inside one transaction with the write; without
   * hooks (for this entity) the write is a single statement, atomic on its own, and `em` is
   * undefined. Given the caller's transaction, the write runs in a savepoint of it either way (a
   * refused write then leaves the caller's transaction usable).
   */
  private write<T>(model: EntityModel, options: WriteOptions, work: (db: Kysely<unknown>, em: Em | undefined) => Promise<T>): Promise<T> {
    const hooked = this.hooks.appliesTo(model);
    if (!hooked && !options.em) return work(this.db(), undefined);
    const em = options.em ?? this.orm.em.fork();
    return em.transactional(async (trx) => work(trx.getKysely() as Kysely<unknown>, hooked ? (trx as Em) : undefined));
  }
}
