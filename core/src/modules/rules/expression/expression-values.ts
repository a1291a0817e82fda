import { UTCDate } from '@date-fns/utc';
import { Decimal } from 'decimal.js';
import { valueError } from './expression-errors.js';

/**
 * Run-time values. Numbers are exact decimals (never binary floats), dates are calendar days
 * (a UTCDate at midnight, so date-fns counts days the same in every time zone), datetimes are
 * instants (Date), references keep their target entity so that a path through them can be read.
 */
export const Dec = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });
export type Dec = Decimal;

export class RecordRef {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {}

  toString(): string {
    return this.id;
  }
}

export type RuntimeValue =
  | null
  | boolean
  | string
  | Decimal
  | Date
  | RecordRef
  | RuntimeValue[]
  | { [key: string]: RuntimeValue };

export function isDecimal(value: unknown): value is Decimal {
  return Decimal.isDecimal(value);
}

/** A calendar date (no time of day). */
export function isCalendarDate(value: unknown): value is UTCDate {
  return value instanceof UTCDate;
}

/** An instant (datetime). */
export function isInstant(value: unknown): value is Date {
  return value instanceof Date && !(value instanceof UTCDate);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** An object without a prototype: keys such as `__proto__` from stored JSON stay plain keys. */
export function bareObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

export function ownValue(object: unknown, key: string): unknown {
  if (!isPlainObject(object) || !Object.hasOwn(object, key)) return undefined;
  return object[key];
}

const NUMERIC = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function toDecimal(value: unknown, op: string): Decimal {
  if (isDecimal(value)) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return new Dec(value);
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return new Dec(value.trim());
  throw valueError(op, value);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function parseCalendarDate(text: string): UTCDate | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new UTCDate(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2024-02-30 over to March: a date that does not exist is refused instead.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

export function parseInstant(text: string): Date | undefined {
  if (!DATETIME.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

export function calendarDate(year: number, month: number, day: number): UTCDate {
  return new UTCDate(Date.UTC(year, month - 1, day));
}

export function formatCalendarDate(date: Date): string {
  return new Date(date.getTime()).toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in a time zone (IANA name; `UTC` by default). */
export function dayOf(instant: Date, timeZone: string): UTCDate {
  if (isCalendarDate(instant)) return instant;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return calendarDate(Number(parts.year), Number(parts.month), Number(parts.day));
}

/** Either kind of date, as a calendar day (a datetime is read in the evaluation's time zone). */
export function toCalendarDate(value: unknown, op: string, timeZone: string): UTCDate {
  if (isCalendarDate(value)) return value;
  if (isInstant(value)) return dayOf(value, timeZone);
  if (typeof value === 'string') {
    const parsed = parseCalendarDate(value) ?? (parseInstant(value) && dayOf(parseInstant(value)!, timeZone));
    if (parsed) return parsed;
  }
  throw valueError(op, value);
}

export function toInstant(value: unknown, op: string): Date {
  if (isInstant(value)) return value;
  if (typeof value === 'string') {
    const parsed = parseInstant(value);
    if (parsed) return parsed;
  }
  throw valueError(op, value);
}

/** The text form of a scalar (cat, in, contains): decimals exactly, dates in ISO 8601, empty as "". */
export function textOf(value: unknown, op: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return new Dec(value).toFixed();
  if (isDecimal(value)) return value.toFixed();
  if (isCalendarDate(value)) return formatCalendarDate(value);
  if (isInstant(value)) return value.toISOString();
  if (value instanceof RecordRef) return value.id;
  throw valueError(op, value);
}
