import { entityDefinitionMetaSchema, findDefinitionProblems } from '@crm/schemas';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { sampleDefinition } from '../../test-support/definitions';
import { layoutOf, layoutProblems, moveField, newEntityDefinition, sectionId, withLayout } from '../definition-layout';

const label = (en: string) => ({ 'zh-CN': `${en}（中）`, en, es: `${en} (es)` });

describe('definition layout', () => {
  it('moves a field past visible fields only (a removed field keeps its place)', () => {
    const def = sampleDefinition();
    const order = (d: typeof def) => Object.keys(d.properties);
    expect(order(def)).toEqual(['name', 'stage', 'amount', 'seats', 'email', 'customer', 'old_code', 'lines']);
    expect(order(moveField(def, 'stage', -1))).toEqual(['stage', 'name', 'amount', 'seats', 'email', 'customer', 'old_code', 'lines']);
    // `lines` moving up jumps over the removed `old_code` onto `customer`'s place.
    expect(order(moveField(def, 'lines', -1))).toEqual(['name', 'stage', 'amount', 'seats', 'email', 'lines', 'customer', 'old_code']);
    expect(moveField(def, 'name', -1)).toBe(def);
  });

  it('applies list columns, title field and sections; empty sections go, and problems are named', () => {
    const def = sampleDefinition();
    const layout = layoutOf(def);
    expect(layout.listColumns).toEqual(['name', 'stage', 'amount', 'customer']);
    layout.listColumns = ['stage', 'name'];
    layout.sections = [
      { id: 'money', label: label('Money'), fields: ['amount', 'seats'] },
      { id: 'empty', label: label('Empty'), fields: [] },
    ];
    const next = withLayout(def, layout);
    expect(next['x-crm-list-columns']).toEqual(['stage', 'name']);
    expect(next['x-crm-sections']).toEqual([{ id: 'money', label: label('Money'), fields: ['amount', 'seats'] }]);
    expect(layoutProblems(def, layout)).toEqual(['sectionEmpty']);
    expect(layoutProblems(def, { ...layout, listColumns: [], titleField: 'old_code', sections: [{ id: 'Bad id', label: { 'zh-CN': '', en: 'x', es: 'x' }, fields: ['name'] }] }))
      .toEqual(['noColumns', 'titleField', 'sectionId', 'sectionLabel']);
    expect(withLayout(def, { ...layout, sections: [] })).not.toHaveProperty('x-crm-sections');
    expect(sectionId('Contact details', ['contact_details'])).toBe('contact_details_2');
  });

  it('makes a new entity definition the meta-schema and the cross-checks accept', () => {
    const definition = newEntityDefinition({ name: 'meter', label: label('Meter'), labelPlural: label('Meters'), titleField: 'meter_no', titleLabel: label('Meter no.') });
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(entityDefinitionMetaSchema);
    expect(validate(definition), JSON.stringify(validate.errors)).toBe(true);
    expect(findDefinitionProblems(definition, { knownEntities: new Set(['meter']) })).toEqual([]);
  });
});
