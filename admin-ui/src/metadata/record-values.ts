import type { EntityDefinitionDocument } from '@crm/schemas';
import type { ApiRecord } from '../api/api-types';
import { cleanValues } from '../validation/clean-values';
import { visibleFields } from './definition';
import { cloneJson } from './clone-json';

export type RecordValues = Record<string, unknown>;

/** The editable part of a record: its visible fields, with expanded references turned back into ids. */
export function editableValues(definition: EntityDefinitionDocument, record: ApiRecord): RecordValues {
  const values: RecordValues = {};
  for (const { name } of visibleFields(definition)) {
    if (record[name] !== undefined) values[name] = cloneJson(toIds(record[name]));
  }
  return values;
}

function toIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (isExpanded(item) ? item.id : item));
  return isExpanded(value) ? value.id : value;
}

function isExpanded(value: unknown): value is { id: string; version: number } {
  return typeof value === 'object' && value !== null && 'id' in value && 'version' in value;
}

/** A new record's starting values: each field's `default`. */
export function defaultValues(definition: EntityDefinitionDocument): RecordValues {
  const values: RecordValues = {};
  for (const { name, schema } of visibleFields(definition)) {
    const fallback = (schema as { default?: unknown }).default;
    if (fallback !== undefined) values[name] = cloneJson(fallback);
  }
  return values;
}

/** Structural equality of JSON values (key order does not matter). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * What a PATCH sends: the fields whose value differs from what was loaded; a field emptied by
 * the user becomes null (the API's merge patch clears it).
 */
export function changedValues(original: RecordValues, draft: RecordValues): RecordValues {
  const before = cleanValues(original);
  const after = cleanValues(draft);
  const changes: RecordValues = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[name], after[name])) changes[name] = name in after ? after[name] : null;
  }
  return changes;
}
