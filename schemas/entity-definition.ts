// The shape of an entity definition document (schemas/entities/*.schema.json and plugin
// schemas). meta/entity-definition.schema.json enforces it at run time; these types are the
// compile-time contract the core codes against. Keep the two in step (a test compares them).

export const LOCALES = ['zh-CN', 'en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export type LocalizedText = Record<Locale, string>;

export const FIELD_TYPES = [
  'text',
  'longtext',
  'integer',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'choice',
  'multichoice',
  'email',
  'phone',
  'url',
  'reference',
  'references',
  'json',
  'attachment',
  'lines',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Pattern every decimal field carries: exact amounts travel as strings. */
export const DECIMAL_PATTERN = '^-?\\d{1,15}(\\.\\d{1,4})?$';
export const PHONE_PATTERN = '^\\+?[0-9 ()-]{3,32}$';

interface FieldBase<T extends FieldType> {
  'x-crm-type': T;
  'x-crm-label': LocalizedText;
  'x-crm-description'?: LocalizedText;
  'x-crm-indexed'?: boolean;
  'x-crm-searchable'?: boolean;
  /** Plugin id that added the field; absent for core fields. */
  'x-crm-owner'?: string;
  /** The field was removed: hidden from forms and lists, data kept. */
  'x-crm-deleted'?: boolean;
  'x-crm-readonly'?: boolean;
  $comment?: string;
}

export interface TextField extends FieldBase<'text'> { type: 'string'; maxLength: number; default?: string }
export interface LongtextField extends FieldBase<'longtext'> { type: 'string'; maxLength: number; default?: string }
export interface IntegerField extends FieldBase<'integer'> {
  type: 'integer';
  minimum?: number;
  maximum?: number;
  default?: number;
}
export interface DecimalField extends FieldBase<'decimal'> {
  type: 'string';
  pattern: typeof DECIMAL_PATTERN;
  'x-crm-scale': 0 | 1 | 2 | 3 | 4;
  /** ISO 4217 code, e.g. "CNY". */
  'x-crm-currency'?: string;
  default?: string;
}
export interface BooleanField extends FieldBase<'boolean'> { type: 'boolean'; default?: boolean }
export interface DateField extends FieldBase<'date'> { type: 'string'; format: 'date'; default?: string }
export interface DatetimeField extends FieldBase<'datetime'> { type: 'string'; format: 'date-time'; default?: string }
export interface ChoiceField extends FieldBase<'choice'> {
  type: 'string';
  enum: string[];
  'x-crm-choices': Record<string, LocalizedText>;
  default?: string;
}
export interface MultichoiceField extends FieldBase<'multichoice'> {
  type: 'array';
  uniqueItems: true;
  items: { type: 'string'; enum: string[] };
  'x-crm-choices': Record<string, LocalizedText>;
  default?: string[];
}
export interface EmailField extends FieldBase<'email'> {
  type: 'string';
  format: 'email';
  maxLength: 320;
  default?: string;
}
export interface PhoneField extends FieldBase<'phone'> {
  type: 'string';
  pattern: typeof PHONE_PATTERN;
  maxLength: 32;
  default?: string;
}
export interface UrlField extends FieldBase<'url'> { type: 'string'; format: 'uri'; maxLength: 2048; default?: string }
export interface ReferenceField extends FieldBase<'reference'> { type: 'string'; format: 'uuid'; 'x-crm-ref': string }
export interface ReferencesField extends FieldBase<'references'> {
  type: 'array';
  uniqueItems: true;
  items: { type: 'string'; format: 'uuid' };
  'x-crm-ref': string;
}
export interface JsonField extends FieldBase<'json'> { type: 'object'; default?: Record<string, unknown> }
export interface AttachmentField extends FieldBase<'attachment'> {
  type: 'object';
  additionalProperties: false;
  required: ['name', 'mimeType', 'size'];
  properties: {
    name: { type: 'string'; maxLength: 255 };
    mimeType: { type: 'string'; maxLength: 127 };
    size: { type: 'integer'; minimum: 0 };
    storageKey: { type: 'string'; maxLength: 1024 };
    uploadedAt: { type: 'string'; format: 'date-time' };
  };
}
/** Value shape of an attachment field. */
export interface AttachmentValue {
  name: string;
  mimeType: string;
  size: number;
  storageKey?: string;
  uploadedAt?: string;
}

/** A field inside a lines item: any type except lines. */
export type LineFieldSchema =
  | TextField
  | LongtextField
  | IntegerField
  | DecimalField
  | BooleanField
  | DateField
  | DatetimeField
  | ChoiceField
  | MultichoiceField
  | EmailField
  | PhoneField
  | UrlField
  | ReferenceField
  | ReferencesField
  | JsonField
  | AttachmentField;

export interface LinesField extends FieldBase<'lines'> {
  type: 'array';
  items: {
    type: 'object';
    additionalProperties: false;
    required?: string[];
    properties: Record<string, LineFieldSchema>;
  };
}

/** Any field schema; narrow on `'x-crm-type'`. */
export type FieldSchema = LineFieldSchema | LinesField;

export interface EntitySection {
  id: string;
  label: LocalizedText;
  fields: string[];
}

export interface EntityDefinitionDocument {
  $schema: 'https://json-schema.org/draft/2020-12/schema';
  $comment?: string;
  type: 'object';
  additionalProperties: false;
  'x-crm-entity': string;
  'x-crm-label': LocalizedText;
  'x-crm-label-plural': LocalizedText;
  'x-crm-description'?: LocalizedText;
  'x-crm-title-field': string;
  'x-crm-list-columns': string[];
  /** "core" or the id of the plugin that owns the entity. */
  'x-crm-owner': string;
  'x-crm-sections'?: EntitySection[];
  required?: string[];
  properties: Record<string, FieldSchema>;
}
