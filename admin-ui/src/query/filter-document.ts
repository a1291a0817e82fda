import { FILTER_OPERATORS, type FilterOperator } from './filter-operators';
import type { FilterCondition, FilterDocument } from './filter-model';

const isOperator = (key: string): key is FilterOperator => (FILTER_OPERATORS as readonly string[]).includes(key);

function fromObject(document: Record<string, unknown>): FilterCondition[] | undefined {
  const conditions: FilterCondition[] = [];
  for (const [key, value] of Object.entries(document)) {
    if (key === '_and') {
      if (!Array.isArray(value)) return undefined;
      for (const child of value) {
        const nested = child && typeof child === 'object' && !Array.isArray(child) ? fromObject(child as Record<string, unknown>) : undefined;
        if (!nested) return undefined;
        conditions.push(...nested);
      }
      continue;
    }
    if (key.startsWith('_') || !value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    for (const [operator, operand] of Object.entries(value)) {
      if (!isOperator(operator)) return undefined;
      conditions.push({ field: key, operator, value: operand });
    }
  }
  return conditions;
}

/**
 * The filter builder's rows for a filter document (a saved view's filter): the inverse of
 * `buildFilter`. Filters the builder cannot show as and-ed rows (`_or`) give undefined.
 */
export function conditionsFromFilter(document: FilterDocument | null | undefined): FilterCondition[] | undefined {
  if (!document) return [];
  return fromObject(document);
}
