import type { FieldType } from '@crm/schemas';

const NOT_CASTABLE = Symbol('not castable');
export type CastResult = unknown | typeof NOT_CASTABLE;
export { NOT_CASTABLE };

/**
 * Converts a stored value to a field's new type when an admin changes the type with a conversion.
 * Returns NOT_CASTABLE when there is no sensible conversion; the caller validates the result anyway.
 */
export function castValue(value: unknown, type: FieldType): CastResult {
  if (Array.isArray(value) && !isListType(type)) {
    return value.length === 1 ? castValue(value[0], type) : NOT_CASTABLE;
  }
  switch (type) {
    case 'text':
    case 'longtext':
    case 'email':
    case 'phone':
    case 'url':
    case 'choice':
    case 'reference':
      return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : NOT_CASTABLE;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : NOT_CASTABLE;
    case 'datetime':
      if (typeof value !== 'string') return NOT_CASTABLE;
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
    case 'integer':
      return toInteger(value);
    case 'decimal':
      return toDecimal(value);
    case 'boolean':
      return toBoolean(value);
    case 'multichoice':
    case 'references':
      return Array.isArray(value) ? value : value === null || value === undefined ? NOT_CASTABLE : [castValue(value, 'text')];
    case 'json':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { value };
    default:
      return value;
  }
}

function isListType(type: FieldType): boolean {
  return type === 'multichoice' || type === 'references' || type === 'lines' || type === 'json';
}

function toInteger(value: unknown): CastResult {
  if (typeof value === 'number') return Number.isInteger(value) ? value : NOT_CASTABLE;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*-?\d+(\.0+)?\s*$/.test(value)) {
    const parsed = Number.parseInt(value, 10);
    return Number.isSafeInteger(parsed) ? parsed : NOT_CASTABLE;
  }
  return NOT_CASTABLE;
}

function toDecimal(value: unknown): CastResult {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return value.trim();
  return NOT_CASTABLE;
}

function toBoolean(value: unknown): CastResult {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const normalized = value.trim().toLowerCase();
    if (['true', 'yes', 'y', '1', '是'].includes(normalized)) return true;
    if (['false', 'no', 'n', '0', '否'].includes(normalized)) return false;
  }
  return NOT_CASTABLE;
}
