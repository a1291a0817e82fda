import type { FieldSchema, FieldType } from '@crm/schemas';

/** The filter language's operators (the API refuses any other). */
export const FILTER_OPERATORS = [
  '_eq', '_neq', '_lt', '_lte', '_gt', '_gte', '_in', '_nin', '_contains', '_starts_with', '_empty', '_between',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const TEXT: FilterOperator[] = ['_contains', '_starts_with', '_eq', '_neq', '_empty'];
const ORDERED: FilterOperator[] = ['_eq', '_neq', '_gt', '_gte', '_lt', '_lte', '_between', '_empty'];

/** Operators that fit each field type, in the order the filter builder offers them. */
export const OPERATORS_BY_TYPE: Record<FieldType, FilterOperator[]> = {
  text: TEXT,
  longtext: ['_contains', '_empty'],
  email: TEXT,
  phone: TEXT,
  url: TEXT,
  integer: ORDERED,
  decimal: ORDERED,
  date: ORDERED,
  datetime: ['_gt', '_gte', '_lt', '_lte', '_between', '_empty'],
  boolean: ['_eq', '_empty'],
  choice: ['_eq', '_neq', '_in', '_nin', '_empty'],
  multichoice: ['_contains', '_in', '_nin', '_empty'],
  reference: ['_eq', '_neq', '_empty'],
  references: ['_contains', '_empty'],
  json: [],
  attachment: ['_empty'],
  lines: [],
};

export function operatorsFor(schema: FieldSchema): FilterOperator[] {
  return OPERATORS_BY_TYPE[schema['x-crm-type']] ?? [];
}

export function isFilterable(schema: FieldSchema): boolean {
  return operatorsFor(schema).length > 0;
}

/**
 * The schema of the value an operator compares with, so the filter builder can reuse the
 * form's widgets: `_in` on a choice takes several choices, `_contains` on a multichoice takes
 * one, `_empty` takes a yes/no, text operators take free text.
 */
export function valueSchemaFor(schema: FieldSchema, operator: FilterOperator): FieldSchema {
  const type = schema['x-crm-type'];
  const label = schema['x-crm-label'];
  if (operator === '_empty') return { 'x-crm-type': 'boolean', 'x-crm-label': label, type: 'boolean' };
  if (operator === '_contains' || operator === '_starts_with') {
    if (type === 'multichoice') return { ...schema, 'x-crm-type': 'choice', type: 'string', enum: schema.items.enum } as FieldSchema;
    if (type === 'references') return { ...schema, 'x-crm-type': 'reference', type: 'string', format: 'uuid' } as FieldSchema;
    return { 'x-crm-type': 'text', 'x-crm-label': label, type: 'string', maxLength: 1000 };
  }
  if ((operator === '_in' || operator === '_nin') && type === 'choice') {
    return { ...schema, 'x-crm-type': 'multichoice', type: 'array', uniqueItems: true, items: { type: 'string', enum: schema.enum } } as FieldSchema;
  }
  if (type === 'longtext') return { 'x-crm-type': 'text', 'x-crm-label': label, type: 'string', maxLength: 1000 };
  return schema;
}
