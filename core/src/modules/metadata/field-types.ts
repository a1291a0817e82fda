import { DECIMAL_PATTERN, PHONE_PATTERN, type FieldType } from '@crm/schemas';
import type { AnyFieldSchema as FieldSchema } from './field-schema.js';

/** How a field's value is read in SQL: decides casts, operators and whether it can be sorted. */
export type SqlKind = 'text' | 'numeric' | 'boolean' | 'array' | 'object';

interface FieldTypeSpec {
  sqlKind: SqlKind;
  /** The JSON Schema keywords every field of this type carries (the meta-schema checks the same shape). */
  shape: (field: FieldSchema) => Partial<FieldSchema>;
}


const attachmentShape = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'mimeType', 'size'],
  properties: {
    name: { type: 'string', maxLength: 255 },
    mimeType: { type: 'string', maxLength: 127 },
    size: { type: 'integer', minimum: 0 },
    storageKey: { type: 'string', maxLength: 1024 },
    uploadedAt: { type: 'string', format: 'date-time' },
  },
};

export const fieldTypes: Record<FieldType, FieldTypeSpec> = {
  text: { sqlKind: 'text', shape: (f) => ({ type: 'string', maxLength: f.maxLength ?? 255 }) },
  longtext: { sqlKind: 'text', shape: (f) => ({ type: 'string', maxLength: f.maxLength ?? 10000 }) },
  integer: { sqlKind: 'numeric', shape: () => ({ type: 'integer' }) },
  decimal: {
    sqlKind: 'numeric',
    shape: (f) => ({ type: 'string', pattern: DECIMAL_PATTERN, 'x-crm-scale': f['x-crm-scale'] ?? 2 }),
  },
  boolean: { sqlKind: 'boolean', shape: () => ({ type: 'boolean' }) },
  date: { sqlKind: 'text', shape: () => ({ type: 'string', format: 'date' }) },
  datetime: { sqlKind: 'text', shape: () => ({ type: 'string', format: 'date-time' }) },
  choice: { sqlKind: 'text', shape: (f) => ({ type: 'string', enum: f.enum ?? Object.keys(f['x-crm-choices'] ?? {}) }) },
  multichoice: {
    sqlKind: 'array',
    shape: (f) => ({
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: f.items?.enum ?? Object.keys(f['x-crm-choices'] ?? {}) },
    }),
  },
  email: { sqlKind: 'text', shape: () => ({ type: 'string', format: 'email', maxLength: 320 }) },
  phone: { sqlKind: 'text', shape: () => ({ type: 'string', pattern: PHONE_PATTERN, maxLength: 32 }) },
  url: { sqlKind: 'text', shape: () => ({ type: 'string', format: 'uri', maxLength: 2048 }) },
  reference: { sqlKind: 'text', shape: () => ({ type: 'string', format: 'uuid' }) },
  references: {
    sqlKind: 'array',
    shape: () => ({ type: 'array', uniqueItems: true, items: { type: 'string', format: 'uuid' } }),
  },
  json: { sqlKind: 'object', shape: () => ({ type: 'object' }) },
  attachment: { sqlKind: 'object', shape: () => attachmentShape as unknown as Partial<FieldSchema> },
  lines: { sqlKind: 'object', shape: (f) => ({ type: 'array', items: f.items }) },
};

export const FIELD_TYPE_NAMES = Object.keys(fieldTypes) as FieldType[];

/** Annotations any field may carry whatever its type (the meta-schema's `fieldCommon`). */
const COMMON_KEYWORDS = new Set(['$comment', 'x-crm-type', 'x-crm-label', 'x-crm-description', 'x-crm-indexed', 'x-crm-searchable', 'x-crm-owner', 'x-crm-readonly']);

/** A field reduced to its type-independent annotations: the base for changing its type. */
export function withoutTypeKeywords(field: FieldSchema): FieldSchema {
  return Object.fromEntries(Object.entries(field).filter(([key]) => COMMON_KEYWORDS.has(key))) as FieldSchema;
}

export function isFieldType(value: unknown): value is FieldType {
  return typeof value === 'string' && value in fieldTypes;
}

/**
 * Fills in the JSON Schema keywords implied by `x-crm-type`, so an admin can add a field by
 * giving only its type, labels and options. Explicit keywords the type allows are kept.
 */
export function completeFieldSchema(field: FieldSchema): FieldSchema {
  const type = field['x-crm-type'];
  if (!isFieldType(type)) return field;
  const shape = fieldTypes[type].shape(field);
  return { ...field, ...shape, ...keepExplicit(field, type) };
}

function keepExplicit(field: FieldSchema, type: FieldType): Partial<FieldSchema> {
  const kept: Partial<FieldSchema> = {};
  if (type === 'integer') {
    if (field.minimum !== undefined) kept.minimum = field.minimum;
    if (field.maximum !== undefined) kept.maximum = field.maximum;
  }
  if (type === 'lines' && field.items) kept.items = completeLineItems(field.items);
  return kept;
}

function completeLineItems(items: NonNullable<FieldSchema['items']>): NonNullable<FieldSchema['items']> {
  const properties = Object.fromEntries(
    Object.entries(items.properties ?? {}).map(([name, nested]) => [name, completeFieldSchema(nested)]),
  );
  return { ...items, type: 'object', additionalProperties: false, properties };
}
