import type { ExprType } from './expression-types.js';
import { valueError } from './expression-errors.js';
import {
  Dec, RecordRef, bareObject, isCalendarDate, isInstant, isPlainObject, parseCalendarDate, parseInstant, toDecimal,
} from './expression-values.js';

/**
 * Turns a stored JSON value into its run-time form, by the type the scope gives it: decimal
 * strings and integers become exact decimals, ISO strings become dates, ids become references.
 * A stored value that does not fit its type is refused rather than guessed at.
 */
export function fromStored(raw: unknown, type: ExprType, op = 'var'): unknown {
  if (raw === null || raw === undefined) return null;
  switch (type.kind) {
    case 'null':
      return null;
    case 'text':
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      throw valueError(op, raw);
    case 'number':
    case 'decimal':
      return toDecimal(raw, op);
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      throw valueError(op, raw);
    case 'date': {
      if (isCalendarDate(raw)) return raw;
      const date = typeof raw === 'string' ? parseCalendarDate(raw) : undefined;
      if (date) return date;
      throw valueError(op, raw);
    }
    case 'datetime': {
      if (isInstant(raw)) return raw;
      const instant = typeof raw === 'string' ? parseInstant(raw) : undefined;
      if (instant) return instant;
      throw valueError(op, raw);
    }
    case 'reference':
      if (typeof raw === 'string') return new RecordRef(type.entity, raw);
      throw valueError(op, raw);
    case 'list':
      if (Array.isArray(raw)) return raw.map((item) => fromStored(item, type.of, op));
      throw valueError(op, raw);
    case 'object': {
      if (!isPlainObject(raw)) throw valueError(op, raw);
      const object = bareObject();
      for (const [name, fieldType] of Object.entries(type.fields)) {
        object[name] = Object.hasOwn(raw, name) ? fromStored(raw[name], fieldType, op) : null;
      }
      return object;
    }
    case 'any':
      return fromJson(raw);
  }
}

/** A value of unknown type (a json field): numbers become decimals, the rest keeps its shape. */
export function fromJson(raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? new Dec(raw) : null;
  if (Array.isArray(raw)) return raw.map(fromJson);
  if (isPlainObject(raw)) {
    const object = bareObject();
    for (const key of Object.keys(raw)) object[key] = fromJson(raw[key]);
    return object;
  }
  return raw;
}
