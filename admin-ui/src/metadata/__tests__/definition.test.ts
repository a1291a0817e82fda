import { describe, expect, it } from 'vitest';
import { sampleDefinition } from '../../test-support/definitions';
import { defaultColumns, formSections, referencingFields, visibleFields } from '../definition';
import { changedValues, editableValues } from '../record-values';

describe('definition helpers', () => {
  const definition = sampleDefinition();

  it('hides removed fields everywhere', () => {
    expect(visibleFields(definition).map((f) => f.name)).not.toContain('old_code');
    expect(defaultColumns(definition)).toEqual(['name', 'stage', 'amount', 'customer']);
  });

  it('lays out sections and puts fields no section names in a trailing one', () => {
    const sections = formSections(definition);
    expect(sections.map((s) => s.id)).toEqual(['main', '_more']);
    expect(sections[1]!.fields).toEqual(['seats', 'email', 'customer', 'lines']);
  });

  it('finds the fields of other entities that point at an entity', () => {
    expect(referencingFields([definition], 'customer')).toEqual([{ entity: 'deal', field: 'customer' }]);
    expect(referencingFields([definition], 'deal')).toEqual([]);
  });
});

describe('record values', () => {
  const definition = sampleDefinition();

  it('turns expanded references back into ids for editing', () => {
    const values = editableValues(definition, { id: 'r1', version: 2, name: 'A', customer: { id: 'c1', version: 1, name: 'ACME' } });
    expect(values).toEqual({ name: 'A', customer: 'c1' });
  });

  it('sends only changed fields, null for a cleared one', () => {
    expect(changedValues({ name: 'A', amount: '1.00', stage: 'open' }, { name: 'A', amount: '1.0', stage: undefined })).toEqual({
      amount: '1.0',
      stage: null,
    });
    expect(changedValues({ lines: [{ a: '1', b: '2' }] }, { lines: [{ b: '2', a: '1' }] })).toEqual({});
  });
});
