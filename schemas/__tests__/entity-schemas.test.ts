import { readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  CORE_ENTITY_NAMES,
  ENTITY_DEFINITION_META_SCHEMA_ID,
  FIELD_TYPES,
  SYSTEM_FIELD_NAMES,
  coreEntitySchemas,
  entityDefinitionMetaSchema,
  findDefinitionProblems,
  type EntityDefinitionDocument,
  type FieldSchema,
  type LineFieldSchema,
} from '../index.js';

const addFormats = addFormatsModule.default ?? addFormatsModule;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validateMeta = ajv.compile(entityDefinitionMetaSchema);

/** Instance paths the meta-schema complains about; empty when the document is accepted. */
function metaErrors(doc: unknown): string[] {
  return validateMeta(doc) ? [] : (validateMeta.errors ?? []).map((e) => e.instancePath);
}

function allFields(doc: EntityDefinitionDocument): [string, FieldSchema | LineFieldSchema][] {
  return Object.entries(doc.properties).flatMap(([name, field]): [string, FieldSchema | LineFieldSchema][] =>
    field['x-crm-type'] === 'lines'
      ? [[name, field], ...Object.entries(field.items.properties).map(([n, f]): [string, LineFieldSchema] => [`${name}.${n}`, f])]
      : [[name, field]],
  );
}

type Json = Record<string, unknown>;

/** Reads a JSON Pointer (no escaping needed for the keys used here). */
function get(doc: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
}

/** Sets, removes (value undefined) or appends (last segment "-") at a JSON Pointer. */
function edit(doc: Json, pointer: string, value?: unknown): void {
  const keys = pointer.split('/').slice(1);
  const last = keys.pop() as string;
  const target = keys.length === 0 ? doc : get(doc, '/' + keys.join('/'));
  if (Array.isArray(target) && last === '-') target.push(value);
  else if (value === undefined) delete (target as Json)[last];
  else (target as Json)[last] = value;
}

const label = (en: string) => ({ 'zh-CN': `中文${en}`, en, es: `es ${en}` });
const DEC = '^-?\\d{1,15}(\\.\\d{1,4})?$';

/** A definition using every field type; each negative case below breaks exactly one thing in it. */
function kitchenSink(): Json {
  const choices = { a: label('A'), b: label('B') };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    'x-crm-entity': 'sample',
    'x-crm-label': label('Sample'),
    'x-crm-label-plural': label('Samples'),
    'x-crm-title-field': 'title',
    'x-crm-list-columns': ['title', 'kind'],
    'x-crm-owner': 'core',
    'x-crm-sections': [{ id: 'main', label: label('Main'), fields: ['title', 'kind'] }],
    required: ['title'],
    properties: {
      title: { 'x-crm-type': 'text', 'x-crm-label': label('Title'), type: 'string', maxLength: 100, 'x-crm-indexed': true },
      body: { 'x-crm-type': 'longtext', 'x-crm-label': label('Body'), type: 'string', maxLength: 50000 },
      count: { 'x-crm-type': 'integer', 'x-crm-label': label('Count'), type: 'integer', minimum: 0 },
      price: { 'x-crm-type': 'decimal', 'x-crm-label': label('Price'), type: 'string', pattern: DEC, 'x-crm-scale': 2, 'x-crm-currency': 'CNY' },
      flag: { 'x-crm-type': 'boolean', 'x-crm-label': label('Flag'), type: 'boolean', default: false },
      day: { 'x-crm-type': 'date', 'x-crm-label': label('Day'), type: 'string', format: 'date' },
      at: { 'x-crm-type': 'datetime', 'x-crm-label': label('At'), type: 'string', format: 'date-time' },
      kind: { 'x-crm-type': 'choice', 'x-crm-label': label('Kind'), type: 'string', enum: ['a', 'b'], 'x-crm-choices': choices },
      kinds: {
        'x-crm-type': 'multichoice', 'x-crm-label': label('Kinds'), type: 'array', uniqueItems: true,
        items: { type: 'string', enum: ['a', 'b'] }, 'x-crm-choices': choices,
      },
      mail: { 'x-crm-type': 'email', 'x-crm-label': label('Mail'), type: 'string', format: 'email', maxLength: 320 },
      tel: { 'x-crm-type': 'phone', 'x-crm-label': label('Tel'), type: 'string', pattern: '^\\+?[0-9 ()-]{3,32}$', maxLength: 32 },
      site: { 'x-crm-type': 'url', 'x-crm-label': label('Site'), type: 'string', format: 'uri', maxLength: 2048 },
      owner: { 'x-crm-type': 'reference', 'x-crm-label': label('Owner'), type: 'string', format: 'uuid', 'x-crm-ref': 'customer' },
      peers: {
        'x-crm-type': 'references', 'x-crm-label': label('Peers'), type: 'array', uniqueItems: true,
        items: { type: 'string', format: 'uuid' }, 'x-crm-ref': 'contact',
      },
      extra: { 'x-crm-type': 'json', 'x-crm-label': label('Extra'), type: 'object' },
      file: {
        'x-crm-type': 'attachment', 'x-crm-label': label('File'), type: 'object', additionalProperties: false,
        required: ['name', 'mimeType', 'size'],
        properties: {
          name: { type: 'string', maxLength: 255 },
          mimeType: { type: 'string', maxLength: 127 },
          size: { type: 'integer', minimum: 0 },
          storageKey: { type: 'string', maxLength: 1024 },
          uploadedAt: { type: 'string', format: 'date-time' },
        },
      },
      items: {
        'x-crm-type': 'lines', 'x-crm-label': label('Items'), type: 'array',
        items: {
          type: 'object', additionalProperties: false, required: ['product', 'qty'],
          properties: {
            product: { 'x-crm-type': 'reference', 'x-crm-label': label('Product'), type: 'string', format: 'uuid', 'x-crm-ref': 'product' },
            qty: { 'x-crm-type': 'decimal', 'x-crm-label': label('Qty'), type: 'string', pattern: DEC, 'x-crm-scale': 2 },
          },
        },
      },
    },
  };
}

describe('meta-schema', () => {
  it('has the published $id and lists exactly FIELD_TYPES and SYSTEM_FIELD_NAMES', () => {
    expect(entityDefinitionMetaSchema.$id).toBe(ENTITY_DEFINITION_META_SCHEMA_ID);
    expect(get(entityDefinitionMetaSchema, '/$defs/fieldType/enum')).toEqual([...FIELD_TYPES]);
    expect(get(entityDefinitionMetaSchema, '/$defs/fieldName/not/enum')).toEqual([...SYSTEM_FIELD_NAMES]);
  });

  it('accepts a definition that uses every field type', () => {
    const doc = kitchenSink() as unknown as EntityDefinitionDocument;
    expect(FIELD_TYPES.filter((t) => !Object.values(doc.properties).some((f) => f['x-crm-type'] === t))).toEqual([]);
    expect(metaErrors(doc)).toEqual([]);
    expect(findDefinitionProblems(doc, { knownEntities: CORE_ENTITY_NAMES })).toEqual([]);
  });

  type Edit = [pointer: string, value?: unknown];
  const title = get(kitchenSink(), '/properties/title');

  const refused: [string, Edit[], string][] = [
    ['a field without label', [['/properties/title/x-crm-label']], '/properties/title'],
    ['a label missing a language', [['/properties/count/x-crm-label/es']], '/properties/count/x-crm-label'],
    ['a blank label', [['/x-crm-label/en', '  ']], '/x-crm-label/en'],
    ['a choice without x-crm-choices', [['/properties/kind/x-crm-choices']], '/properties/kind'],
    ['a choice label missing a language', [['/properties/kinds/x-crm-choices/b/zh-CN']], '/properties/kinds/x-crm-choices/b'],
    ['a decimal with type number', [['/properties/price/type', 'number']], '/properties/price/type'],
    ['a decimal with another pattern', [['/properties/price/pattern', '^\\d+$']], '/properties/price/pattern'],
    ['a decimal scale above 4', [['/properties/price/x-crm-scale', 6]], '/properties/price/x-crm-scale'],
    ['a text longer than 1000', [['/properties/title/maxLength', 2000]], '/properties/title/maxLength'],
    ['a text with a foreign keyword', [['/properties/title/format', 'email']], '/properties/title'],
    ['an email with another maxLength', [['/properties/mail/maxLength', 100]], '/properties/mail/maxLength'],
    ['a reference without target', [['/properties/owner/x-crm-ref']], '/properties/owner'],
    ['a references field with non-uuid items', [['/properties/peers/items', { type: 'string' }]], '/properties/peers/items'],
    ['an attachment with extra properties', [['/properties/file/properties/path', { type: 'string' }]], '/properties/file/properties'],
    ['an unknown x-crm-type', [['/properties/count/x-crm-type', 'money']], '/properties/count/x-crm-type'],
    ['lines inside lines', [['/properties/items/items/properties/sub', get(kitchenSink(), '/properties/items')]], '/properties/items/items/properties/sub'],
    ['a line field without label', [['/properties/items/items/properties/qty/x-crm-label']], '/properties/items/items/properties/qty'],
    ['reserved field name id', [['/properties/id', title]], '/properties'],
    ['reserved field name owner_id', [['/properties/owner_id', title]], '/properties'],
    ['an upper-case field name', [['/properties/Title', title]], '/properties'],
    ['entity name with upper case', [['/x-crm-entity', 'Customer']], '/x-crm-entity'],
    ['entity name of one letter', [['/x-crm-entity', 'c']], '/x-crm-entity'],
    ['entity name with a dash', [['/x-crm-entity', 'sales-order']], '/x-crm-entity'],
    ['a missing owner', [['/x-crm-owner']], ''],
    ['an unknown top-level key', [['/x-crm-titel-field', 'title']], ''],
    ['additionalProperties true', [['/additionalProperties', true]], '/additionalProperties'],
  ];
  it.each(refused)('refuses %s', (_name, edits, path) => {
    const doc = kitchenSink();
    for (const [pointer, value] of edits) edit(doc, pointer, value);
    const errors = metaErrors(doc);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((p) => p === path || p.startsWith(`${path}/`))).toBe(true);
  });

  // JSON Schema cannot compare an enum with the keys of a sibling object, so these
  // cross-part rules live in findDefinitionProblems(); the core runs both.
  const inconsistent: [string, Edit[], string][] = [
    ['a choice value without labels', [['/properties/kind/enum/-', 'c']], 'choice_label_missing'],
    ['a multichoice value without labels', [['/properties/kinds/items/enum/-', 'c']], 'choice_label_missing'],
    ['labels for a value not in the enum', [['/properties/kind/x-crm-choices/z', label('Z')]], 'choice_label_orphan'],
    ['a choice default outside the enum', [['/properties/kind/default', 'z']], 'default_not_in_choices'],
    ['a title field that does not exist', [['/x-crm-title-field', 'nope']], 'unknown_field'],
    ['a list column that does not exist', [['/x-crm-list-columns/-', 'nope']], 'unknown_field'],
    ['a required line field that does not exist', [['/properties/items/items/required/-', 'nope']], 'unknown_field'],
    ['a reference to an unknown entity', [['/properties/owner/x-crm-ref', 'planet']], 'unknown_ref_target'],
    ['a required field that is deleted', [['/properties/title/x-crm-deleted', true]], 'deleted_field_in_use'],
    ['a field in two sections', [['/x-crm-sections/-', { id: 'more', label: label('More'), fields: ['kind'] }]], 'field_in_two_sections'],
    ['a multichoice title field', [['/x-crm-title-field', 'kinds']], 'title_field_not_scalar'],
  ];
  it.each(inconsistent)('findDefinitionProblems reports %s', (_name, edits, code) => {
    const doc = kitchenSink();
    for (const [pointer, value] of edits) edit(doc, pointer, value);
    expect(metaErrors(doc)).toEqual([]);
    const problems = findDefinitionProblems(doc as unknown as EntityDefinitionDocument, { knownEntities: CORE_ENTITY_NAMES });
    expect(problems.map((p) => p.code)).toContain(code);
  });
});

describe('shipped core entities', () => {
  it('entities/ holds exactly CORE_ENTITY_NAMES, in the same order as coreEntitySchemas', () => {
    const files = readdirSync(new URL('../entities/', import.meta.url)).filter((f) => f.endsWith('.schema.json'));
    expect(files.sort()).toEqual(CORE_ENTITY_NAMES.map((n) => `${n}.schema.json`).sort());
    expect(coreEntitySchemas.map((d) => d['x-crm-entity'])).toEqual([...CORE_ENTITY_NAMES]);
  });

  it.each(coreEntitySchemas.map((d) => [d['x-crm-entity'], d] as const))('%s passes the meta-schema and the consistency checks', (_n, doc) => {
    expect(metaErrors(doc)).toEqual([]);
    expect(findDefinitionProblems(doc, { knownEntities: CORE_ENTITY_NAMES })).toEqual([]);
  });

  it('every x-crm-ref names a shipped entity declared earlier (dependency order)', () => {
    const refs = coreEntitySchemas.flatMap((doc) =>
      allFields(doc).flatMap(([name, f]) =>
        f['x-crm-type'] === 'reference' || f['x-crm-type'] === 'references' ? [{ from: doc['x-crm-entity'], name, to: f['x-crm-ref'] }] : [],
      ),
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(CORE_ENTITY_NAMES, `${ref.from}.${ref.name}`).toContain(ref.to);
      if (ref.to !== ref.from) {
        expect(CORE_ENTITY_NAMES.indexOf(ref.to as never), `${ref.from}.${ref.name}`).toBeLessThan(CORE_ENTITY_NAMES.indexOf(ref.from as never));
      }
    }
  });

  it('every choice value has non-empty zh-CN, en and es labels', () => {
    let count = 0;
    for (const doc of coreEntitySchemas) {
      for (const [name, f] of allFields(doc)) {
        if (f['x-crm-type'] !== 'choice' && f['x-crm-type'] !== 'multichoice') continue;
        const values = f['x-crm-type'] === 'choice' ? f.enum : f.items.enum;
        expect(Object.keys(f['x-crm-choices']).sort(), `${doc['x-crm-entity']}.${name}`).toEqual([...values].sort());
        for (const value of values) {
          const labels = f['x-crm-choices'][value];
          for (const lang of ['zh-CN', 'en', 'es'] as const) expect(labels?.[lang]?.trim(), `${name}=${value} ${lang}`).toBeTruthy();
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it.each(coreEntitySchemas.map((d) => [d['x-crm-entity'], d] as const))('%s compiles as a record schema that refuses system and unknown fields', (_n, doc) => {
    const validate = ajv.compile(doc);
    const required = doc.required ?? [];
    expect(required.length).toBeGreaterThan(0);
    expect(validate({})).toBe(false);
    expect(validate({ id: '00000000-0000-4000-8000-000000000000' })).toBe(false);
  });
});
