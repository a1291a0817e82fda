import type { EntityDefinitionDocument, EntitySection, FieldSchema, FieldType, LocalizedText } from '@crm/schemas';
import { localized } from './localized';

export interface FieldEntry {
  name: string;
  schema: FieldSchema;
}

/** Fields a user may see: everything not marked removed, in definition order. */
export function visibleFields(definition: EntityDefinitionDocument): FieldEntry[] {
  return Object.entries(definition.properties ?? {})
    .filter(([, schema]) => schema['x-crm-deleted'] !== true)
    .map(([name, schema]) => ({ name, schema }));
}

export function visibleField(definition: EntityDefinitionDocument, name: string): FieldSchema | undefined {
  const schema = definition.properties?.[name];
  return schema && schema['x-crm-deleted'] !== true ? schema : undefined;
}

export function fieldLabel(definition: EntityDefinitionDocument, name: string, locale: string): string {
  return localized(definition.properties?.[name]?.['x-crm-label'], locale, name);
}

export function isRequired(definition: EntityDefinitionDocument, name: string): boolean {
  return (definition.required ?? []).includes(name);
}

export function choiceLabel(schema: FieldSchema, value: string, locale: string): string {
  const choices = (schema as { 'x-crm-choices'?: Record<string, LocalizedText> })['x-crm-choices'];
  return localized(choices?.[value], locale, value);
}

export function choiceValues(schema: FieldSchema): string[] {
  const choices = (schema as { 'x-crm-choices'?: Record<string, LocalizedText> })['x-crm-choices'] ?? {};
  return Object.keys(choices);
}

export function referenceTarget(schema: FieldSchema): string | undefined {
  return (schema as { 'x-crm-ref'?: string })['x-crm-ref'];
}

const REFERENCE_TYPES: ReadonlySet<FieldType> = new Set(['reference', 'references']);
const UNSORTABLE_TYPES: ReadonlySet<FieldType> = new Set(['multichoice', 'references', 'json', 'attachment', 'lines']);

export function isReferenceType(type: FieldType): boolean {
  return REFERENCE_TYPES.has(type);
}

export function isSortable(schema: FieldSchema): boolean {
  return !UNSORTABLE_TYPES.has(schema['x-crm-type']);
}

const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['text', 'longtext', 'email', 'phone', 'url']);

/** The fields a text search looks into: the title field and the text fields marked `x-crm-searchable`. */
export function searchableFields(definition: EntityDefinitionDocument): string[] {
  const title = definition['x-crm-title-field'];
  const others = visibleFields(definition)
    .filter(({ name, schema }) => name !== title && schema['x-crm-searchable'] === true && TEXT_TYPES.has(schema['x-crm-type']))
    .map(({ name }) => name);
  return visibleField(definition, title) ? [title, ...others] : others;
}

/** The list's default columns: `x-crm-list-columns` without removed fields. */
export function defaultColumns(definition: EntityDefinitionDocument): string[] {
  return (definition['x-crm-list-columns'] ?? []).filter((name) => visibleField(definition, name));
}

export interface FormSection {
  id: string;
  label: LocalizedText | undefined;
  fields: string[];
}

/**
 * The form's layout: `x-crm-sections` without removed fields, plus one trailing section with
 * every visible field no section names (fields added later appear there at once).
 */
export function formSections(definition: EntityDefinitionDocument): FormSection[] {
  const visible = visibleFields(definition).map((field) => field.name);
  const declared: EntitySection[] = definition['x-crm-sections'] ?? [];
  if (declared.length === 0) return [{ id: 'all', label: undefined, fields: visible }];
  const placed = new Set<string>();
  const sections: FormSection[] = declared.map((section) => {
    const fields = section.fields.filter((name) => visible.includes(name) && !placed.has(name));
    fields.forEach((name) => placed.add(name));
    return { id: section.id, label: section.label, fields };
  });
  const rest = visible.filter((name) => !placed.has(name));
  if (rest.length) sections.push({ id: '_more', label: undefined, fields: rest });
  return sections.filter((section) => section.fields.length > 0);
}

export interface ReferencingField {
  entity: string;
  field: string;
}

/** Fields of other entities that point at `target` (the record page's related lists). */
export function referencingFields(definitions: EntityDefinitionDocument[], target: string): ReferencingField[] {
  const found: ReferencingField[] = [];
  for (const definition of definitions) {
    const entity = definition['x-crm-entity'];
    if (entity === target) continue;
    for (const { name, schema } of visibleFields(definition)) {
      if (isReferenceType(schema['x-crm-type']) && referenceTarget(schema) === target) found.push({ entity, field: name });
    }
  }
  return found;
}

/** The definition as the browser validates records with it: removed fields are gone. */
export function withoutRemovedFields(definition: EntityDefinitionDocument): EntityDefinitionDocument {
  const properties = Object.fromEntries(visibleFields(definition).map(({ name, schema }) => [name, schema]));
  const required = (definition.required ?? []).filter((name) => name in properties);
  return { ...definition, properties, required };
}
