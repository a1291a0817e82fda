import type { FieldType } from '@crm/schemas';
import { Decimal } from 'decimal.js';
import { valueError } from './expression-errors.js';
import {
  RecordRef, formatCalendarDate, isCalendarDate, isDecimal, isInstant, isPlainObject, toCalendarDate, toDecimal, toInstant,
} from './expression-values.js';

/**
 * A run-time value as plain JSON: decimals as exact strings ("0.3"), dates as "2024-01-31",
 * datetimes as ISO instants, references as their id. For showing a result (a rule's test run).
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (isDecimal(value)) return value.toFixed();
  if (isCalendarDate(value)) return formatCalendarDate(value);
  if (isInstant(value)) return value.toISOString();
  if (value instanceof RecordRef) return value.id;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonValue(item)]));
  return value;
}

export interface TargetField {
  type: FieldType;
  /** Digits after the point of a decimal field (`x-crm-scale`, 2 when absent). */
  scale?: number;
}

/**
 * A run-time value in the stored form of a field of the given type: what a formula or a default
 * writes. Decimals are rounded half-up to the field's scale ("1234.50"); an integer field
 * refuses a fraction rather than rounding it silently.
 */
export function toFieldValue(value: unknown, field: TargetField, timeZone = 'UTC'): unknown {
  if (value === null || value === undefined) return null;
  const op = `field:${field.type}`;
  switch (field.type) {
    case 'decimal':
      return toDecimal(value, op).toFixed(field.scale ?? 2, Decimal.ROUND_HALF_UP);
    case 'integer': {
      const number = toDecimal(value, op);
      if (!number.isInteger() || !Number.isSafeInteger(number.toNumber())) throw valueError(op, toJsonValue(value));
      return number.toNumber();
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw valueError(op, toJsonValue(value));
    case 'date':
      return formatCalendarDate(toCalendarDate(value, op, timeZone));
    case 'datetime':
      return toInstant(isCalendarDate(value) ? value.toISOString() : value, op).toISOString();
    case 'multichoice':
    case 'references':
      if (Array.isArray(value)) return value.map((item) => String(toJsonValue(item)));
      throw valueError(op, toJsonValue(value));
    case 'json':
    case 'lines':
    case 'attachment':
      return toJsonValue(value);
    default: {
      const json = toJsonValue(value);
      if (typeof json === 'object') throw valueError(op, json);
      return String(json);
    }
  }
}
