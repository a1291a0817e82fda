import type { EntityDefinitionDocument } from '@crm/schemas';

export interface ValueChange {
  key: string;
  before: unknown;
  after: unknown;
}

export interface DefinitionDiff {
  entity: ValueChange[];
  fields: {
    added: string[];
    removed: string[];
    restored: string[];
    purged: string[];
    changed: { field: string; changes: ValueChange[] }[];
  };
}

/** Field-level diff between two versions of a definition, as the history screen shows it. */
export function diffDefinitions(before: EntityDefinitionDocument, after: EntityDefinitionDocument): DefinitionDiff {
  const diff: DefinitionDiff = {
    entity: diffKeys(withoutProperties(before), withoutProperties(after)),
    fields: { added: [], removed: [], restored: [], purged: [], changed: [] },
  };
  const beforeFields = before.properties ?? {};
  const afterFields = after.properties ?? {};
  for (const [name, afterField] of Object.entries(afterFields)) {
    const beforeField = beforeFields[name];
    if (!beforeField) {
      diff.fields.added.push(name);
      continue;
    }
    const wasRemoved = beforeField['x-crm-deleted'] === true;
    const isRemoved = afterField['x-crm-deleted'] === true;
    if (!wasRemoved && isRemoved) diff.fields.removed.push(name);
    if (wasRemoved && !isRemoved) diff.fields.restored.push(name);
    const changes = diffKeys(beforeField, afterField).filter((change) => change.key !== 'x-crm-deleted');
    if (changes.length) diff.fields.changed.push({ field: name, changes });
  }
  for (const name of Object.keys(beforeFields)) {
    if (!(name in afterFields)) diff.fields.purged.push(name);
  }
  return diff;
}

function withoutProperties(document: EntityDefinitionDocument): Record<string, unknown> {
  const { properties: _properties, ...rest } = document;
  return rest;
}

function diffKeys(before: object, after: object): ValueChange[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const changes: ValueChange[] = [];
  for (const key of keys) {
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) changes.push({ key, before: b[key], after: a[key] });
  }
  return changes;
}
