import type { EntityDefinitionDocument, FieldType, LocalizedText } from '@crm/schemas';
import { fieldsOf, type AnyFieldSchema as FieldSchema } from './field-schema.js';
import { fieldTypes, type SqlKind } from './field-types.js';

export interface FieldModel {
  name: string;
  type: FieldType;
  sqlKind: SqlKind;
  schema: FieldSchema;
  label: LocalizedText;
  required: boolean;
  indexed: boolean;
  /** Target entity of a reference / references field. */
  ref: string | undefined;
  /** Removed by an admin: hidden from the API, data kept until purged. */
  removed: boolean;
}

/** Everything the services need to know about one version of an entity, derived once per version. */
export interface EntityModel {
  name: string;
  version: number;
  owner: string;
  document: EntityDefinitionDocument;
  /** Fields visible to the API, in definition order. */
  fields: Map<string, FieldModel>;
  /** Removed fields whose data is still stored. */
  removedFields: Map<string, FieldModel>;
  /** The definition without removed fields: what records are validated against. */
  recordSchema: EntityDefinitionDocument;
  titleField: string | undefined;
}

export function buildEntityModel(document: EntityDefinitionDocument, version: number, owner: string): EntityModel {
  const required = new Set(document.required ?? []);
  const fields = new Map<string, FieldModel>();
  const removedFields = new Map<string, FieldModel>();
  for (const [name, schema] of Object.entries(fieldsOf(document))) {
    const type = schema['x-crm-type'];
    const field: FieldModel = {
      name,
      type,
      sqlKind: fieldTypes[type].sqlKind,
      schema,
      label: schema['x-crm-label'],
      required: required.has(name),
      indexed: schema['x-crm-indexed'] === true,
      ref: schema['x-crm-ref'],
      removed: schema['x-crm-deleted'] === true,
    };
    (field.removed ? removedFields : fields).set(name, field);
  }
  const recordSchema: EntityDefinitionDocument = {
    ...document,
    properties: Object.fromEntries([...fields].map(([name, field]) => [name, field.schema])) as EntityDefinitionDocument['properties'],
    required: (document.required ?? []).filter((name) => fields.has(name)),
    additionalProperties: false,
  };
  return {
    name: document['x-crm-entity'],
    version,
    owner,
    document,
    fields,
    removedFields,
    recordSchema,
    titleField: document['x-crm-title-field'],
  };
}
