import { isNumeric, isOpen, typeName, T, type ExprType } from './expression-types.js';
import type { CheckContext, Checked } from './function-spec.js';
import { parseCalendarDate, parseInstant } from './expression-values.js';

export const is = {
  numeric: isNumeric,
  integer: (t: ExprType) => t.kind === 'number',
  text: (t: ExprType) => t.kind === 'text' || t.kind === 'reference',
  boolean: (t: ExprType) => t.kind === 'boolean',
  list: (t: ExprType) => t.kind === 'list',
  dateLike: (t: ExprType) => t.kind === 'date' || t.kind === 'datetime',
  scalar: (t: ExprType) => t.kind !== 'list' && t.kind !== 'object',
};

/** Checks argument i and reports it when its type does not fit (null and json values always fit). */
export function want(c: CheckContext, i: number, ok: (t: ExprType) => boolean, expected: string): Checked {
  const arg = c.arg(i);
  if (!isOpen(arg.type) && !ok(arg.type) && !dateLiteralFits(arg, expected)) {
    c.report(i, 'type', { name: c.name, expected, actual: typeName(arg.type) });
  }
  return arg;
}

/** A text literal stands for a date where one is wanted ("2024-01-31"), once it is checked to be one. */
function dateLiteralFits(arg: Checked, expected: string): boolean {
  const value = arg.literal?.value;
  if (typeof value !== 'string' || !expected.includes('date')) return false;
  return parseCalendarDate(value) !== undefined || (expected.includes('datetime') && parseInstant(value) !== undefined);
}

export function wantAll(c: CheckContext, ok: (t: ExprType) => boolean, expected: string, from = 0): Checked[] {
  const out: Checked[] = [];
  for (let i = from; i < c.count; i += 1) out.push(want(c, i, ok, expected));
  return out;
}

/** Whole numbers stay whole (+ - * % of integers); anything with a fraction is a decimal. */
export function numericType(types: ExprType[]): ExprType {
  return types.every((t) => t.kind === 'number' || t.kind === 'null') ? T.number : T.decimal;
}

/** A literal scale (round, floor, ceil) must be a whole number from 0 to 20. */
export function wantScale(c: CheckContext, i: number): void {
  const arg = want(c, i, is.integer, 'number');
  const value = arg.literal?.value;
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 20)) {
    c.report(i, 'not_integer', { name: c.name });
  }
}
