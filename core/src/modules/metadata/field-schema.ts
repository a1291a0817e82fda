import type { EntityDefinitionDocument, FieldSchema, FieldType, LocalizedText } from '@crm/schemas';

/**
 * A field schema seen through the union of every type's keywords. Generic code (completion,
 * conversion, diffs) reads keywords by name; the meta-schema guarantees each type's real shape.
 */
export interface AnyFieldSchema {
  'x-crm-type': FieldType;
  'x-crm-label': LocalizedText;
  'x-crm-ref'?: string;
  'x-crm-choices'?: Record<string, LocalizedText>;
  'x-crm-scale'?: number;
  'x-crm-deleted'?: boolean;
  'x-crm-indexed'?: boolean;
  type?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  items?: { [keyword: string]: unknown; enum?: string[]; properties?: Record<string, AnyFieldSchema>; required?: string[] };
  properties?: Record<string, AnyFieldSchema>;
  default?: unknown;
  [keyword: string]: unknown;
}

export function fieldsOf(document: EntityDefinitionDocument): Record<string, AnyFieldSchema> {
  return (document.properties ?? {}) as unknown as Record<string, AnyFieldSchema>;
}

export function asFieldSchema(field: AnyFieldSchema): FieldSchema {
  return field as unknown as FieldSchema;
}
