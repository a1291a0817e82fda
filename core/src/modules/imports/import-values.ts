import type { FieldModel } from '../metadata/entity-model.js';
import { isUuid } from '../records/record-filter.js';
import type { RawCell } from './import-file.js';

/** A cell turned into a field value, a value still to look up (a referenced record by its title), or a problem. */
export type Converted =
  | { kind: 'empty' }
  | { kind: 'value'; value: unknown }
  | { kind: 'lookup'; ref: string; titles: string[]; many: boolean }
  | { kind: 'error'; message: string };

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', '是', '真', 'sí', 'si', 'verdadero', '✓']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '假', 'falso']);
const LIST_SEPARATOR = /\s*[;,；，|]\s*/;

/**
 * Spreadsheet text to the typed value a field stores. Lenient where people are (choices by
 * label in any language, "是"/"no" for booleans, 2026/3/5 dates, thousands separators), strict
 * where guessing would be wrong; the records service validates the result like any other write.
 */
export function convertCell(field: FieldModel | undefined, name: string, raw: RawCell): Converted {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return { kind: 'empty' };
  if (!field) return systemValue(name, raw);
  const text = raw instanceof Date ? raw.toISOString() : String(raw);
  switch (field.type) {
    case 'longtext':
      return { kind: 'value', value: text };
    case 'text': case 'email': case 'phone': case 'url':
      return { kind: 'value', value: text.trim() };
    case 'integer': {
      if (typeof raw === 'number') return Number.isInteger(raw) ? { kind: 'value', value: raw } : error('must be a whole number');
      const clean = withoutGrouping(text.trim());
      return /^[+-]?\d{1,15}$/.test(clean) ? { kind: 'value', value: Number(clean) } : error('must be a whole number');
    }
    case 'decimal': {
      if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'value', value: decimalText(raw) } : error('must be a number');
      const clean = withoutGrouping(text.trim()).replace(/^\+/, '');
      return /^-?\d+(\.\d+)?$/.test(clean) ? { kind: 'value', value: clean } : error('must be a number such as 1234.50');
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { kind: 'value', value: raw };
      const lower = text.trim().toLowerCase();
      if (TRUE.has(lower)) return { kind: 'value', value: true };
      if (FALSE.has(lower)) return { kind: 'value', value: false };
      return error('must be yes or no (true / false)');
    }
    case 'date': {
      if (raw instanceof Date) return { kind: 'value', value: raw.toISOString().slice(0, 10) };
      const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
      return match ? { kind: 'value', value: `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}` } : { kind: 'value', value: text.trim() };
    }
    case 'datetime': {
      if (raw instanceof Date) return { kind: 'value', value: raw.toISOString() };
      const parsed = Date.parse(text.trim());
      return Number.isNaN(parsed) ? error('must be a date and time such as 2026-03-05T09:30:00+08:00') : { kind: 'value', value: new Date(parsed).toISOString() };
    }
    case 'choice': {
      const code = choiceCode(field, text.trim());
      return code === undefined ? error(`is not one of the choices (${choiceCodes(field).join(', ')})`) : { kind: 'value', value: code };
    }
    case 'multichoice': {
      const codes = text.split(LIST_SEPARATOR).filter(Boolean).map((part) => [part, choiceCode(field, part)] as const);
      const bad = codes.find(([, code]) => code === undefined);
      return bad ? error(`"${bad[0]}" is not one of the choices (${choiceCodes(field).join(', ')})`) : { kind: 'value', value: [...new Set(codes.map(([, c]) => c!))] };
    }
    case 'reference': {
      const value = text.trim();
      return isUuid(value) ? { kind: 'value', value: value.toLowerCase() } : { kind: 'lookup', ref: field.ref!, titles: [value], many: false };
    }
    case 'references': {
      const parts = text.split(LIST_SEPARATOR).filter(Boolean);
      return parts.every(isUuid) ? { kind: 'value', value: parts.map((p) => p.toLowerCase()) } : { kind: 'lookup', ref: field.ref!, titles: parts, many: true };
    }
    case 'json': case 'lines': case 'attachment':
      try {
        return { kind: 'value', value: JSON.parse(text) };
      } catch {
        return error('must be JSON');
      }
  }
}

/** `id` and `owner_id` (an id or a user name) are the system fields a file may set. */
function systemValue(name: string, raw: RawCell): Converted {
  const text = String(raw).trim();
  if (name === 'id') return isUuid(text) ? { kind: 'value', value: text.toLowerCase() } : error('must be a UUID');
  if (name === 'owner_id') return isUuid(text) ? { kind: 'value', value: text.toLowerCase() } : { kind: 'lookup', ref: 'user', titles: [text], many: false };
  return error('is not a field');
}

function choiceCodes(field: FieldModel): string[] {
  return ((field.type === 'multichoice' ? field.schema.items?.enum : field.schema.enum) ?? Object.keys(field.schema['x-crm-choices'] ?? {})) as string[];
}

/** A choice by its code, or by its label in any language, ignoring case. */
function choiceCode(field: FieldModel, text: string): string | undefined {
  const codes = choiceCodes(field);
  if (codes.includes(text)) return text;
  const lower = text.toLowerCase();
  const byCode = codes.find((code) => code.toLowerCase() === lower);
  if (byCode) return byCode;
  const labels = field.schema['x-crm-choices'] ?? {};
  return codes.find((code) => Object.values(labels[code] ?? {}).some((label) => String(label).toLowerCase() === lower));
}

/** "1,234,567.89" → "1234567.89"; a lone comma stays (it may be a decimal comma, which we refuse). */
function withoutGrouping(text: string): string {
  return /^[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?$/.test(text) ? text.replace(/[, ]/g, '') : text;
}

/** A spreadsheet number as decimal text without exponent (1e-7 → "0.0000001"). */
function decimalText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

function error(message: string): Converted {
  return { kind: 'error', message };
}
