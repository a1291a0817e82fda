import { LockMode } from '@mikro-orm/core';
import type { Kysely } from 'kysely';
import type { EntityDefinitionDocument, FieldSchema } from '@crm/schemas';
import type { Em, Orm } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import type { Locale } from '../../i18n/locale.js';
import { createRecordTable, recordTable } from '../records/record-table.js';
import type { RecordIndexBuilder } from '../records/record-index-builder.js';
import type { RecordValidatorCache } from '../validation/record-validator.js';
import { assertValidDefinition } from './definition-check.js';
import type { DefinitionChange } from './definition-change.js';
import { diffDefinitions, type DefinitionDiff } from './definition-diff.js';
import type { DefinitionRegistry } from './definition-registry.js';
import { EntityDefinition } from './entity-definition.entity.js';
import { EntityDefinitionVersion } from './entity-definition-version.entity.js';
import type { EntityModel } from './entity-model.js';
import { checkChangedFields, type FieldConversion } from './field-change-check.js';
import { completeFieldSchema, withoutTypeKeywords } from './field-types.js';
import { asFieldSchema, fieldsOf, type AnyFieldSchema } from './field-schema.js';
import { sql } from 'kysely';
import { DEFINITION_CHANNEL } from './definition-notifier.js';
import { appendAuditEntry } from '../audit/audit-trail.js';

export interface ChangeContext {
  actorId?: string | null;
  requestId?: string | null;
  locale: Locale;
}

export interface FieldChange {
  /** Keys to merge into the field schema (labels, choices, type, indexed…). */
  schema?: Partial<FieldSchema>;
  required?: boolean;
  conversion?: FieldConversion;
}

/** Entity definitions: creation, field changes, versions and their history. */
export class MetadataService {
  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    private readonly validators: RecordValidatorCache,
    private readonly indexes: RecordIndexBuilder,
  ) {}

  /** Creates entities together (they may refer to each other); each gets its table and version 1. */
  async createEntities(documents: EntityDefinitionDocument[], owner: string, context: ChangeContext): Promise<EntityModel[]> {
    const names = documents.map((document) => document?.['x-crm-entity']);
    const knownEntities = new Set([...this.registry.names(), ...names.filter((n): n is string => typeof n === 'string')]);
    await this.orm.em.fork().transactional(async (em) => {
      for (const document of documents) {
        assertValidDefinition(document, { knownEntities, locale: context.locale, tryCompile: (s) => this.validators.tryCompile(s) });
        const name = document['x-crm-entity'];
        if (await em.findOne(EntityDefinition, name)) {
          throw new CrmError('CRM_ERR_ENTITY_EXISTS', { params: { entity: name } });
        }
        em.create(EntityDefinition, { name, currentVersion: 1, owner });
        await em.flush();
        em.create(EntityDefinitionVersion, {
          entity: name,
          version: 1,
          schema: document,
          change: { op: 'create_entity' },
          createdBy: context.actorId ?? null,
        });
        await em.flush();
        await createRecordTable(em.getKysely() as Kysely<unknown>, name);
        await auditDefinitionChange(em.getKysely() as Kysely<unknown>, name, 1, { op: 'create_entity' }, context);
        await notifyDefinitionChanged(em.getKysely() as Kysely<unknown>, name);
      }
    });
    return Promise.all(names.map((name) => this.afterChange(name as string)));
  }

  async addField(entity: string, name: string, schema: FieldSchema, required: boolean, context: ChangeContext): Promise<EntityModel> {
    return this.change(entity, { op: 'add_field', field: name }, context, {}, (document) => {
      if (fieldsOf(document)[name]) throw new CrmError('CRM_ERR_FIELD_EXISTS', { params: { entity, field: name } });
      setField(document, name, completeFieldSchema(schema as unknown as AnyFieldSchema));
      if (required) document.required = [...(document.required ?? []), name];
      return document;
    });
  }

  async changeField(entity: string, name: string, change: FieldChange, context: ChangeContext): Promise<EntityModel> {
    const conversions = change.conversion ? { [name]: change.conversion } : {};
    return this.change(entity, { op: 'change_field', field: name }, context, conversions, (document) => {
      const field = visibleField(document, entity, name);
      const newType = change.schema?.['x-crm-type'];
      // A new type starts from the common annotations: keywords of the old type (maxLength, enum…) do not carry over.
      const base = newType !== undefined && newType !== field['x-crm-type'] ? withoutTypeKeywords(field) : field;
      setField(document, name, completeFieldSchema({ ...base, ...(change.schema as Partial<AnyFieldSchema>) }));
      if (change.required !== undefined) {
        const others = (document.required ?? []).filter((n) => n !== name);
        document.required = change.required ? [...others, name] : others;
      }
      return document;
    });
  }

  /** Hides a field; its data stays in the records until purged. */
  async removeField(entity: string, name: string, context: ChangeContext): Promise<EntityModel> {
    return this.change(entity, { op: 'remove_field', field: name }, context, {}, (document) => {
      const field = visibleField(document, entity, name);
      setField(document, name, { ...field, 'x-crm-deleted': true, 'x-crm-indexed': false });
      document.required = (document.required ?? []).filter((n) => n !== name);
      return document;
    });
  }

  async restoreField(entity: string, name: string, context: ChangeContext): Promise<EntityModel> {
    return this.change(entity, { op: 'restore_field', field: name }, context, {}, (document) => {
      const field = removedField(document, entity, name);
      const { 'x-crm-deleted': _removed, ...restored } = field;
      setField(document, name, restored as AnyFieldSchema);
      return document;
    });
  }

  /** Deletes a removed field's data from every record and drops it from the definition. */
  async purgeField(entity: string, name: string, context: ChangeContext): Promise<EntityModel> {
    return this.change(entity, { op: 'purge_field', field: name }, context, {}, async (document, db) => {
      removedField(document, entity, name);
      const { [name]: _purged, ...rest } = document.properties ?? {};
      document.properties = rest;
      await sql`update ${recordTable(entity)} set data = data - ${name} where data ? ${name}`.execute(db);
      return document;
    });
  }

  /** Replaces a whole definition (the designer's "save"), with the same checks as field changes. */
  async replaceDefinition(
    entity: string,
    document: EntityDefinitionDocument,
    conversions: Record<string, FieldConversion>,
    context: ChangeContext,
  ): Promise<EntityModel> {
    return this.change(entity, { op: 'replace_definition' }, context, conversions, (current) => {
      if (document?.['x-crm-entity'] !== entity) {
        throw new CrmError('CRM_ERR_INVALID_DEFINITION', {
          fields: [{ path: '/x-crm-entity', keyword: 'const', message: `must be "${entity}"` }],
        });
      }
      // Fields are never dropped by a replace: leaving one out removes (hides) it.
      const next = structuredClone(document);
      for (const [name, field] of Object.entries(fieldsOf(current))) {
        if (!(name in fieldsOf(next))) setField(next, name, { ...field, 'x-crm-deleted': true });
      }
      return next;
    });
  }

  async versions(entity: string) {
    this.registry.get(entity);
    return this.orm.em.fork().find(EntityDefinitionVersion, { entity }, { orderBy: { version: 'asc' }, fields: ['entity', 'version', 'change', 'createdAt', 'createdBy'] });
  }

  async version(entity: string, version: number): Promise<EntityDefinitionVersion> {
    this.registry.get(entity);
    const found = await this.orm.em.fork().findOne(EntityDefinitionVersion, { entity, version });
    if (!found) throw new CrmError('CRM_ERR_DEFINITION_VERSION_NOT_FOUND', { params: { entity, version } });
    return found;
  }

  async diff(entity: string, from: number, to: number): Promise<DefinitionDiff> {
    const [before, after] = await Promise.all([this.version(entity, from), this.version(entity, to)]);
    return diffDefinitions(before.schema, after.schema);
  }

  private async change(
    entity: string,
    change: DefinitionChange,
    context: ChangeContext,
    conversions: Record<string, FieldConversion>,
    mutate: (document: EntityDefinitionDocument, db: Kysely<unknown>) => EntityDefinitionDocument | Promise<EntityDefinitionDocument>,
  ): Promise<EntityModel> {
    this.registry.get(entity);
    await this.orm.em.fork().transactional(async (em) => {
      const definition = await em.findOne(EntityDefinition, entity, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!definition) throw new CrmError('CRM_ERR_ENTITY_NOT_FOUND', { params: { entity } });
      const current = await em.findOneOrFail(EntityDefinitionVersion, { entity, version: definition.currentVersion });
      const db = em.getKysely() as Kysely<unknown>;
      const next = await mutate(structuredClone(current.schema), db);
      assertValidDefinition(next, {
        knownEntities: this.registry.names(),
        locale: context.locale,
        tryCompile: (s) => this.validators.tryCompile(s),
      });
      const report = await checkChangedFields(db, current.schema, next, conversions);
      definition.currentVersion += 1;
      em.create(EntityDefinitionVersion, {
        entity,
        version: definition.currentVersion,
        schema: next,
        change: { ...change, ...(report.converted ? { converted: report.converted } : {}), ...(report.cleared ? { cleared: report.cleared } : {}) },
        createdBy: context.actorId ?? null,
      });
      await em.flush();
      await auditDefinitionChange(db, entity, definition.currentVersion, change, context);
      await notifyDefinitionChanged(db, entity);
    });
    return this.afterChange(entity);
  }

  private async afterChange(entity: string): Promise<EntityModel> {
    await this.registry.reload(this.orm.em.fork() as Em, entity);
    const model = this.registry.get(entity);
    this.validators.forgetOlderThan(entity, model.version);
    void this.indexes.sync(model);
    return model;
  }
}

async function auditDefinitionChange(db: Kysely<unknown>, entity: string, version: number, change: DefinitionChange, context: ChangeContext): Promise<void> {
  await appendAuditEntry(db, {
    action: 'definition_change',
    actorId: context.actorId ?? null,
    requestId: context.requestId ?? null,
    entity,
    recordId: null,
    changes: {},
    context: { version, ...change },
  });
}

async function notifyDefinitionChanged(db: Kysely<unknown>, entity: string): Promise<void> {
  await sql`select pg_notify(${DEFINITION_CHANNEL}, ${entity})`.execute(db);
}

function setField(document: EntityDefinitionDocument, name: string, field: AnyFieldSchema): void {
  document.properties = { ...document.properties, [name]: asFieldSchema(field) };
}

function visibleField(document: EntityDefinitionDocument, entity: string, name: string): AnyFieldSchema {
  const field = fieldsOf(document)[name];
  if (!field || field['x-crm-deleted'] === true) throw new CrmError('CRM_ERR_FIELD_NOT_FOUND', { params: { entity, field: name } });
  return field;
}

function removedField(document: EntityDefinitionDocument, entity: string, name: string): AnyFieldSchema {
  const field = fieldsOf(document)[name];
  if (!field) throw new CrmError('CRM_ERR_FIELD_NOT_FOUND', { params: { entity, field: name } });
  if (field['x-crm-deleted'] !== true) throw new CrmError('CRM_ERR_FIELD_NOT_REMOVED', { params: { field: name } });
  return field;
}
