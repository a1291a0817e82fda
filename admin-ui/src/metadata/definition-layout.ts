import type { EntityDefinitionDocument, EntitySection, LocalizedText } from '@crm/schemas';
import { UI_LOCALES } from './localized';
import { visibleField } from './definition';

/** The definition with field `name` moved `by` places among the fields (removed ones keep their place). */
export function moveField(definition: EntityDefinitionDocument, name: string, by: number): EntityDefinitionDocument {
  const entries = Object.entries(definition.properties);
  const from = entries.findIndex(([key]) => key === name);
  if (from < 0) return definition;
  // Step over removed fields, so that one click moves past one visible field.
  let to = from;
  let left = Math.abs(by);
  while (left > 0) {
    to += Math.sign(by);
    if (to < 0 || to >= entries.length) return definition;
    if (entries[to]![1]['x-crm-deleted'] !== true) left -= 1;
  }
  const [moved] = entries.splice(from, 1);
  entries.splice(to, 0, moved!);
  return { ...definition, properties: Object.fromEntries(entries) as EntityDefinitionDocument['properties'] };
}

export interface LayoutDraft {
  titleField: string;
  listColumns: string[];
  sections: EntitySection[];
}

export function layoutOf(definition: EntityDefinitionDocument): LayoutDraft {
  return {
    titleField: definition['x-crm-title-field'],
    listColumns: definition['x-crm-list-columns'].filter((name) => visibleField(definition, name)),
    sections: (definition['x-crm-sections'] ?? []).map((section) => ({
      id: section.id,
      label: { ...section.label },
      fields: section.fields.filter((name) => visibleField(definition, name)),
    })),
  };
}

export type LayoutProblem = 'noColumns' | 'sectionLabel' | 'sectionId' | 'sectionEmpty' | 'titleField';

/** What the server's meta-schema would refuse, said before the round trip. */
export function layoutProblems(definition: EntityDefinitionDocument, layout: LayoutDraft): LayoutProblem[] {
  const problems = new Set<LayoutProblem>();
  if (layout.listColumns.length === 0) problems.add('noColumns');
  if (!visibleField(definition, layout.titleField)) problems.add('titleField');
  const ids = new Set<string>();
  for (const section of layout.sections) {
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(section.id) || ids.has(section.id)) problems.add('sectionId');
    ids.add(section.id);
    if (UI_LOCALES.some((locale) => !section.label[locale]?.trim())) problems.add('sectionLabel');
    if (section.fields.length === 0) problems.add('sectionEmpty');
  }
  return [...problems];
}

/** The definition with the layout applied (sections without fields are dropped, as the meta-schema wants). */
export function withLayout(definition: EntityDefinitionDocument, layout: LayoutDraft): EntityDefinitionDocument {
  const next: EntityDefinitionDocument = {
    ...definition,
    'x-crm-title-field': layout.titleField,
    'x-crm-list-columns': [...layout.listColumns],
  };
  const sections = layout.sections.filter((section) => section.fields.length > 0);
  if (sections.length) next['x-crm-sections'] = sections;
  else delete next['x-crm-sections'];
  return next;
}

/** A section id from its English label: "Contact details" → "contact_details". */
export function sectionId(label: string, taken: string[]): string {
  const base = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, 's_$1') || 'section';
  let id = base.slice(0, 50);
  for (let n = 2; taken.includes(id); n++) id = `${base.slice(0, 50)}_${n}`;
  return id;
}

export interface NewEntityDraft {
  name: string;
  label: LocalizedText;
  labelPlural: LocalizedText;
  titleField: string;
  titleLabel: LocalizedText;
}

/** The smallest definition of a new entity: one text field that names its records. */
export function newEntityDefinition(draft: NewEntityDraft): EntityDefinitionDocument {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    'x-crm-entity': draft.name,
    'x-crm-owner': 'custom',
    'x-crm-label': draft.label,
    'x-crm-label-plural': draft.labelPlural,
    'x-crm-title-field': draft.titleField,
    'x-crm-list-columns': [draft.titleField],
    required: [draft.titleField],
    properties: {
      [draft.titleField]: { 'x-crm-type': 'text', 'x-crm-label': draft.titleLabel, type: 'string', maxLength: 200, 'x-crm-searchable': true },
    },
  } as EntityDefinitionDocument;
}
