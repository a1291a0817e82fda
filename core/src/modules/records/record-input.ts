import { CrmError } from '../../errors/crm-error.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { isUuid } from './record-filter.js';
import { toApiRecord } from './record-mapper.js';
import { READ_ONLY_SYSTEM_FIELDS, type RecordRow } from './record-types.js';

/** Small pure helpers of the records service: request bodies in, stored rows and errors out. */

export function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CrmError('CRM_ERR_VALIDATION', { fields: [{ path: path || '/', keyword: 'type', message: 'must be an object' }] });
  }
  return value as Record<string, unknown>;
}

/** The data fields of a request body: system fields are not data (owner_id travels separately). */
export function dataOf(body: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'owner_id' || READ_ONLY_SYSTEM_FIELDS.has(key)) continue;
    data[key] = value;
  }
  return data;
}

export function ownerChange(patch: unknown): string | null | undefined {
  const owner = (patch as Record<string, unknown>).owner_id;
  if (owner === undefined) return undefined;
  if (owner === null || (typeof owner === 'string' && isUuid(owner))) return owner;
  throw new CrmError('CRM_ERR_VALIDATION', { fields: [{ path: '/owner_id', keyword: 'format', message: 'must be a UUID' }] });
}

export function withDefaults(model: EntityModel, data: Record<string, unknown>): Record<string, unknown> {
  for (const field of model.fields.values()) {
    if (data[field.name] === undefined && field.schema.default !== undefined) data[field.name] = structuredClone(field.schema.default);
  }
  return data;
}

/** Stored data minus removed fields: those are kept but no longer validated. */
export function visibleData(model: EntityModel, data: Record<string, unknown>): Record<string, unknown> {
  if (model.removedFields.size === 0) return data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !model.removedFields.has(key)));
}

/** Date-times are stored in UTC ISO form so that text order is time order. */
export function normalizeDateTimes(model: EntityModel, data: Record<string, unknown>): void {
  for (const field of model.fields.values()) {
    const value = data[field.name];
    if (field.type === 'datetime' && typeof value === 'string') data[field.name] = new Date(value).toISOString();
  }
}

export function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function duplicateId(error: unknown): string | undefined {
  const detail = (error as { detail?: unknown }).detail;
  return typeof detail === 'string' ? /\(id\)=\(([^)]+)\)/.exec(detail)?.[1] : undefined;
}

export function versionConflict(view: EntityModel, row: RecordRow, expected: number): CrmError {
  return new CrmError('CRM_ERR_VERSION_CONFLICT', { params: { expected, actual: row.version }, details: { current: toApiRecord(view, row) } });
}
