import { valueError } from './expression-errors.js';
import {
  RecordRef, isCalendarDate, isDecimal, isInstant, isPlainObject, toCalendarDate, toDecimal, toInstant,
} from './expression-values.js';

function kindOf(value: unknown): string {
  if (isDecimal(value) || typeof value === 'number') return 'number';
  if (isCalendarDate(value)) return 'date';
  if (isInstant(value)) return 'datetime';
  if (value instanceof RecordRef) return 'text';
  return typeof value;
}

/**
 * Orders two values by what they are, never by their JSON spelling: numbers numerically
 * ("10" > "9"), dates and datetimes by time, text by code point. Null when either is empty.
 */
export function compareValues(a: unknown, b: unknown, op: string, timeZone: string): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  const kinds = new Set([kindOf(a), kindOf(b)]);
  if (kinds.has('number')) return toDecimal(a, op).comparedTo(toDecimal(b, op));
  if (kinds.has('date')) return sign(toCalendarDate(a, op, timeZone).getTime() - toCalendarDate(b, op, timeZone).getTime());
  if (kinds.has('datetime')) return sign(toInstant(a, op).getTime() - toInstant(b, op).getTime());
  if (kinds.size === 1 && kinds.has('string') || kinds.has('text')) {
    const [x, y] = [String(a), String(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (kinds.size === 1 && kinds.has('boolean')) return Number(a) - Number(b);
  throw valueError(op, a);
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Equality by value: empty equals only empty; lists item by item; values that cannot be compared differ. */
export function equalValues(a: unknown, b: unknown, timeZone: string): boolean {
  const emptyA = a === null || a === undefined;
  const emptyB = b === null || b === undefined;
  if (emptyA || emptyB) return emptyA && emptyB;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => equalValues(item, b[i], timeZone));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && equalValues(a[key], b[key], timeZone));
  }
  try {
    return compareValues(a, b, '==', timeZone) === 0;
  } catch {
    return false;
  }
}
