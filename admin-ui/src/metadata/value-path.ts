import type { EntityDefinitionDocument, FieldSchema } from '@crm/schemas';
import { localized } from './localized';

/** Names a spot inside a field's value for an error message: `/lines/2/quantity` → "#3 Quantity". */
export function describeValuePath(definition: EntityDefinitionDocument, field: string, rest: string[], locale: string): string {
  const schema = definition.properties?.[field] as FieldSchema | undefined;
  const parts: string[] = [];
  for (const [i, part] of rest.entries()) {
    if (/^\d+$/.test(part)) parts.push(`#${Number(part) + 1}`);
    else if (i > 0 && schema?.['x-crm-type'] === 'lines') parts.push(localized(schema.items.properties[part]?.['x-crm-label'], locale, part));
    else parts.push(part);
  }
  return parts.join(' ');
}
