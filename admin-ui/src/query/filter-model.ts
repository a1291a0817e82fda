import type { FilterOperator } from './filter-operators';

/** One row of the filter builder: field, operator, value (a pair for `_between`). */
export interface FilterCondition {
  field: string;
  operator: FilterOperator;
  value: unknown;
}

export type FilterDocument = Record<string, unknown>;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** A condition the user has not finished (no value yet) is left out instead of sent half-made. */
export function isComplete(condition: FilterCondition): boolean {
  if (!condition.field) return false;
  if (condition.operator === '_empty') return typeof condition.value === 'boolean';
  if (condition.operator === '_between') {
    return Array.isArray(condition.value) && condition.value.length === 2 && !condition.value.some(isBlank);
  }
  return !isBlank(condition.value);
}

function operand(condition: FilterCondition): unknown {
  if ((condition.operator === '_in' || condition.operator === '_nin') && !Array.isArray(condition.value)) return [condition.value];
  return condition.value;
}

/**
 * Turns the builder's rows into the API's filter JSON, all conditions and-ed:
 * `{ "tier": { "_eq": "gold" }, "city": { "_contains": "Bei" } }`. Two conditions with the same
 * field and operator cannot share one object, so the document then becomes `{ "_and": [ … ] }`.
 */
export function buildFilter(conditions: FilterCondition[]): FilterDocument | undefined {
  const complete = conditions.filter(isComplete);
  if (complete.length === 0) return undefined;
  const merged: Record<string, Record<string, unknown>> = {};
  let collision = false;
  for (const condition of complete) {
    const operators = (merged[condition.field] ??= {});
    if (condition.operator in operators) collision = true;
    operators[condition.operator] = operand(condition);
  }
  if (!collision) return merged;
  return { _and: complete.map((condition) => ({ [condition.field]: { [condition.operator]: operand(condition) } })) };
}
