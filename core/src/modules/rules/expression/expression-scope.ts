import type { EntityModel } from '../../metadata/entity-model.js';
import type { AnyFieldSchema } from '../../metadata/field-schema.js';
import { T, type ExprType } from './expression-types.js';

export type ObjectType = Extract<ExprType, { kind: 'object' }>;

/** Finds the current model of a referenced entity (e.g. `registry.find.bind(registry)`). */
export type EntityResolver = (entity: string) => EntityModel | undefined;

/**
 * What an expression can see: the fields of one entity, the records its references lead to,
 * and the `$` roots. The checker and the evaluator take the same scope.
 */
export interface ExpressionScope {
  entity: string;
  /** The record's fields, system fields included; `$record` and bare names read it. */
  record: ObjectType;
  /** `$before`, `$user`, `$now`, `$today`, `$record` and any roots the caller declared. */
  roots: ReadonlyMap<string, ExprType>;
  /** The record type of a referenced entity; undefined when the entity does not exist. */
  entityType(entity: string): ObjectType | undefined;
}

export interface ScopeOptions {
  /** Extra roots, each named `$…`, e.g. `{ $submitter: T.object({ id: T.text }) }`. */
  roots?: Record<string, ExprType>;
}

export const ROOT_NAME = /^\$[a-z][a-z0-9_]{0,62}$/;

export const USER_TYPE = T.object({ id: T.text, username: T.text, roles: T.list(T.text), department_id: T.text });

const SYSTEM_FIELD_TYPES: Record<string, ExprType> = {
  id: T.text,
  version: T.number,
  owner_id: T.text,
  department_id: T.text,
  created_by: T.text,
  updated_by: T.text,
  created_at: T.datetime,
  updated_at: T.datetime,
};

const TEXT_TYPES = new Set(['text', 'longtext', 'email', 'phone', 'url', 'choice']);

/** The expression type of a field, from its `x-crm-type`. */
export function fieldExprType(field: AnyFieldSchema): ExprType {
  const type = field['x-crm-type'];
  if (TEXT_TYPES.has(type)) return T.text;
  switch (type) {
    case 'integer':
      return T.number;
    case 'decimal':
      return T.decimal;
    case 'boolean':
      return T.boolean;
    case 'date':
      return T.date;
    case 'datetime':
      return T.datetime;
    case 'multichoice':
      return T.list(T.text);
    case 'reference':
      return field['x-crm-ref'] ? T.reference(field['x-crm-ref']) : T.text;
    case 'references':
      return T.list(field['x-crm-ref'] ? T.reference(field['x-crm-ref']) : T.text);
    case 'lines': {
      const properties = field.items?.properties ?? {};
      return T.list(T.object(Object.fromEntries(Object.entries(properties).map(([name, sub]) => [name, fieldExprType(sub)]))));
    }
    case 'attachment':
      return T.object({ name: T.text, mimeType: T.text, size: T.number, storageKey: T.text, uploadedAt: T.datetime });
    default:
      return T.any;
  }
}

/** The record type of an entity: its visible fields and the system fields. */
export function entityRecordType(model: EntityModel): ObjectType {
  const fields: Record<string, ExprType> = { ...SYSTEM_FIELD_TYPES };
  for (const field of model.fields.values()) fields[field.name] = fieldExprType(field.schema);
  return { kind: 'object', fields };
}

export function buildExpressionScope(model: EntityModel, resolve: EntityResolver, options: ScopeOptions = {}): ExpressionScope {
  const record = entityRecordType(model);
  const cache = new Map<string, ObjectType | undefined>([[model.name, record]]);
  const roots = new Map<string, ExprType>([
    ['$record', record],
    ['$before', record],
    ['$user', USER_TYPE],
    ['$now', T.datetime],
    ['$today', T.date],
  ]);
  for (const [name, type] of Object.entries(options.roots ?? {})) {
    if (!ROOT_NAME.test(name)) throw new TypeError(`expression root "${name}" must be named $lower_case`);
    if (roots.has(name)) throw new TypeError(`expression root "${name}" is built in`);
    roots.set(name, type);
  }
  return {
    entity: model.name,
    record,
    roots,
    entityType(entity) {
      if (!cache.has(entity)) {
        const target = resolve(entity);
        cache.set(entity, target && entityRecordType(target));
      }
      return cache.get(entity);
    },
  };
}
