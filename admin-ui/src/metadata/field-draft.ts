import type { FieldSchema, FieldType, LocalizedText } from '@crm/schemas';
import type { FieldChange, NewField } from '../api/meta-api';

/** One choice in the designer's choices editor: the stored value and its label per language. */
export interface ChoiceDraft {
  value: string;
  label: LocalizedText;
}

/** What the designer's field dialogs edit, before it becomes an API request. */
export interface FieldDraft {
  name: string;
  type: FieldType;
  label: LocalizedText;
  required: boolean;
  indexed: boolean;
  choices: ChoiceDraft[];
  ref: string;
}

export const CHOICE_TYPES: ReadonlySet<FieldType> = new Set(['choice', 'multichoice']);
export const REFERENCE_TYPES: ReadonlySet<FieldType> = new Set(['reference', 'references']);
/** Types the designer can add today (a lines field needs an editor for its item fields first). */
export const DESIGNABLE_TYPES: FieldType[] = [
  'text', 'longtext', 'integer', 'decimal', 'boolean', 'date', 'datetime', 'choice', 'multichoice',
  'email', 'phone', 'url', 'reference', 'references', 'json', 'attachment',
];

export const emptyLabel = (): LocalizedText => ({ 'zh-CN': '', en: '', es: '' });

export function newFieldDraft(): FieldDraft {
  return { name: '', type: 'text', label: emptyLabel(), required: false, indexed: false, choices: [], ref: '' };
}

export function draftFromField(name: string, schema: FieldSchema, required: boolean): FieldDraft {
  const choices = (schema as { 'x-crm-choices'?: Record<string, LocalizedText> })['x-crm-choices'] ?? {};
  return {
    name,
    type: schema['x-crm-type'],
    label: { ...emptyLabel(), ...schema['x-crm-label'] },
    required,
    indexed: schema['x-crm-indexed'] === true,
    choices: Object.entries(choices).map(([value, label]) => ({ value, label: { ...emptyLabel(), ...label } })),
    ref: (schema as { 'x-crm-ref'?: string })['x-crm-ref'] ?? '',
  };
}

function typeKeywords(draft: FieldDraft): Record<string, unknown> {
  if (CHOICE_TYPES.has(draft.type)) {
    const values = draft.choices.map((choice) => choice.value);
    const choices = Object.fromEntries(draft.choices.map((choice) => [choice.value, choice.label]));
    return draft.type === 'choice'
      ? { 'x-crm-choices': choices, enum: values }
      : { 'x-crm-choices': choices, items: { type: 'string', enum: values } };
  }
  if (REFERENCE_TYPES.has(draft.type)) return { 'x-crm-ref': draft.ref };
  return {};
}

/** `POST …/fields` body for a new field; the server fills in the type's JSON Schema keywords. */
export function toNewField(draft: FieldDraft): NewField {
  return {
    name: draft.name,
    required: draft.required,
    schema: {
      'x-crm-type': draft.type,
      'x-crm-label': draft.label,
      ...(draft.indexed ? { 'x-crm-indexed': true } : {}),
      ...typeKeywords(draft),
    } as NewField['schema'],
  };
}

/** `PATCH …/fields/:f` body: labels, flags, choices, and the type only when it changed. */
export function toFieldChange(before: FieldDraft, after: FieldDraft, conversion?: FieldChange['conversion']): FieldChange {
  const schema: Record<string, unknown> = { 'x-crm-label': after.label, 'x-crm-indexed': after.indexed };
  if (after.type !== before.type) schema['x-crm-type'] = after.type;
  Object.assign(schema, typeKeywords(after));
  const change: FieldChange = { schema: schema as Partial<FieldSchema> };
  if (after.required !== before.required) change.required = after.required;
  if (after.type !== before.type && conversion) change.conversion = conversion;
  return change;
}
