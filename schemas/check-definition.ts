// Rules the meta-schema cannot express because they relate two parts of one document
// (standard JSON Schema has no way to compare an enum with the keys of a sibling object).
// Run this after the document passed meta/entity-definition.schema.json.

import type { EntityDefinitionDocument, FieldSchema, LineFieldSchema } from './entity-definition.js';

export type DefinitionProblemCode =
  | 'unknown_field'
  | 'deleted_field_in_use'
  | 'title_field_not_scalar'
  | 'field_in_two_sections'
  | 'choice_label_missing'
  | 'choice_label_orphan'
  | 'default_not_in_choices'
  | 'unknown_ref_target';

export interface DefinitionProblem {
  code: DefinitionProblemCode;
  /** JSON Pointer into the definition document. */
  path: string;
  message: string;
}

export interface DefinitionCheckOptions {
  /** Entity names a reference may point at (the definition's own name is always allowed). */
  knownEntities?: Iterable<string>;
}

const NON_SCALAR_TYPES = new Set(['multichoice', 'references', 'json', 'attachment', 'lines']);

const pointer = (...segments: (string | number)[]): string =>
  segments.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');

export function findDefinitionProblems(
  doc: EntityDefinitionDocument,
  options: DefinitionCheckOptions = {},
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (code: DefinitionProblemCode, path: string, message: string): void => {
    problems.push({ code, path, message });
  };
  const known = options.knownEntities ? new Set([...options.knownEntities, doc['x-crm-entity']]) : undefined;

  const mustName = (name: string, path: string, usage: string, allowDeleted = false): FieldSchema | undefined => {
    const field = Object.hasOwn(doc.properties, name) ? doc.properties[name] : undefined;
    if (!field) add('unknown_field', path, `${usage} "${name}" is not a property of the entity`);
    else if (field['x-crm-deleted'] && !allowDeleted) add('deleted_field_in_use', path, `${usage} "${name}" is a deleted field`);
    return field;
  };

  const title = mustName(doc['x-crm-title-field'], pointer('x-crm-title-field'), 'title field');
  if (title && NON_SCALAR_TYPES.has(title['x-crm-type'])) {
    add('title_field_not_scalar', pointer('x-crm-title-field'), `title field "${doc['x-crm-title-field']}" has type ${title['x-crm-type']}`);
  }
  doc['x-crm-list-columns'].forEach((name, i) => mustName(name, pointer('x-crm-list-columns', i), 'list column'));
  (doc.required ?? []).forEach((name, i) => mustName(name, pointer('required', i), 'required field'));

  const placed = new Map<string, string>();
  (doc['x-crm-sections'] ?? []).forEach((section, s) => {
    section.fields.forEach((name, f) => {
      const path = pointer('x-crm-sections', s, 'fields', f);
      mustName(name, path, 'section field', true);
      const other = placed.get(name);
      if (other !== undefined) add('field_in_two_sections', path, `field "${name}" is already in section "${other}"`);
      else placed.set(name, section.id);
    });
  });

  const checkField = (field: FieldSchema | LineFieldSchema, path: string): void => {
    switch (field['x-crm-type']) {
      case 'choice':
      case 'multichoice': {
        const values = field['x-crm-type'] === 'choice' ? field.enum : field.items.enum;
        const labels = field['x-crm-choices'];
        for (const value of values) {
          if (!Object.hasOwn(labels, value)) add('choice_label_missing', path + pointer('x-crm-choices'), `choice "${value}" has no labels`);
        }
        for (const value of Object.keys(labels)) {
          if (!values.includes(value)) add('choice_label_orphan', path + pointer('x-crm-choices', value), `labelled choice "${value}" is not in the enum`);
        }
        const defaults = field.default === undefined ? [] : Array.isArray(field.default) ? field.default : [field.default];
        for (const value of defaults) {
          if (!values.includes(value)) add('default_not_in_choices', path + pointer('default'), `default "${value}" is not a choice`);
        }
        break;
      }
      case 'reference':
      case 'references':
        if (known && !known.has(field['x-crm-ref'])) {
          add('unknown_ref_target', path + pointer('x-crm-ref'), `reference target "${field['x-crm-ref']}" is not a known entity`);
        }
        break;
      case 'lines': {
        const item = field.items;
        (item.required ?? []).forEach((name, i) => {
          if (!Object.hasOwn(item.properties, name)) {
            add('unknown_field', path + pointer('items', 'required', i), `required line field "${name}" is not a property of the line`);
          }
        });
        for (const [name, lineField] of Object.entries(item.properties)) checkField(lineField, path + pointer('items', 'properties', name));
        break;
      }
      default:
        break;
    }
  };
  for (const [name, field] of Object.entries(doc.properties)) checkField(field, pointer('properties', name));

  return problems;
}
