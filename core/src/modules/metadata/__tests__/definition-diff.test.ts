import { describe, expect, it } from 'vitest';
import { coreEntitySchemas, type EntityDefinitionDocument } from '@crm/schemas';
import { diffDefinitions } from '../definition-diff.js';

const base = structuredClone(coreEntitySchemas.find((d) => d['x-crm-entity'] === 'contact')!) as EntityDefinitionDocument;

describe('diffDefinitions', () => {
  it('lists added, removed, restored, purged and changed fields', () => {
    const next = structuredClone(base) as unknown as { properties: Record<string, Record<string, unknown>> };
    const [first, second] = Object.keys(next.properties);
    next.properties.badge = { 'x-crm-type': 'text', 'x-crm-label': { en: 'Badge', 'zh-CN': '徽章', es: 'Insignia' }, type: 'string', maxLength: 20 };
    next.properties[first!] = { ...next.properties[first!], 'x-crm-label': { en: 'Renamed', 'zh-CN': '改名', es: 'Renombrado' } };
    delete next.properties[second!];
    const diff = diffDefinitions(base, next as unknown as EntityDefinitionDocument);
    expect(diff.fields.added).toEqual(['badge']);
    expect(diff.fields.purged).toEqual([second]);
    expect(diff.fields.changed).toEqual([{ field: first, changes: [expect.objectContaining({ key: 'x-crm-label' })] }]);

    const hidden = structuredClone(next);
    hidden.properties.badge = { ...hidden.properties.badge, 'x-crm-deleted': true };
    const removal = diffDefinitions(next as unknown as EntityDefinitionDocument, hidden as unknown as EntityDefinitionDocument);
    expect(removal.fields.removed).toEqual(['badge']);
    expect(removal.fields.changed).toEqual([]);
    expect(diffDefinitions(hidden as unknown as EntityDefinitionDocument, next as unknown as EntityDefinitionDocument).fields.restored).toEqual(['badge']);
  });
});
