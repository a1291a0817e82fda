import { UTCDate } from '@date-fns/utc';
import { addBusinessDays, addDays, addMonths, differenceInCalendarDays } from 'date-fns';
import { is, want } from './check-helpers.js';
import { valueError } from './expression-errors.js';
import { T, type ExprType } from './expression-types.js';
import { Dec, calendarDate, isCalendarDate, isInstant, toCalendarDate, toDecimal } from './expression-values.js';
import type { CheckContext, Frame, FunctionSpec, FunctionTable } from './function-spec.js';

const DATE_OR_DATETIME = 'date or datetime';

function wantDate(c: CheckContext, i: number): ExprType {
  const type = want(c, i, is.dateLike, DATE_OR_DATETIME).type;
  return type.kind === 'datetime' ? T.datetime : T.date;
}

function wholeNumber(value: unknown, op: string): number {
  const number = toDecimal(value, op);
  if (!number.isInteger() || number.abs().greaterThan(1_000_000)) throw valueError(op, number.toFixed());
  return number.toNumber();
}

/** A date or datetime moved by a count; a datetime is moved in UTC and stays a datetime. */
function shift(op: string, apply: (date: UTCDate, count: number) => UTCDate): FunctionSpec {
  return {
    arity: [2, 2],
    check(c) {
      const type = wantDate(c, 0);
      want(c, 1, is.integer, 'number');
      return type;
    },
    run([value, count], frame) {
      if (value === null || count === null) return null;
      const n = wholeNumber(count, op);
      if (isInstant(value)) return new Date(apply(new UTCDate(value.getTime()), n).getTime());
      return apply(toCalendarDate(value, op, frame.state.timeZone), n);
    },
  };
}

function datePart(op: string, apply: (date: UTCDate) => unknown): FunctionSpec {
  return {
    arity: [1, 1],
    check(c) {
      wantDate(c, 0);
      return op.endsWith('month') ? T.date : T.number;
    },
    run: ([value], frame) => (value === null ? null : apply(toCalendarDate(value, op, frame.state.timeZone))),
  };
}

function between(op: string, apply: (later: UTCDate, earlier: UTCDate) => number): FunctionSpec {
  return {
    arity: [2, 2],
    check(c) {
      wantDate(c, 0);
      wantDate(c, 1);
      return T.number;
    },
    run([from, to], frame: Frame) {
      if (from === null || to === null) return null;
      const tz = frame.state.timeZone;
      return new Dec(apply(toCalendarDate(to, op, tz), toCalendarDate(from, op, tz)));
    },
  };
}

const DAY = 86_400_000;
// 1970-01-05 was a Monday: weekdays are counted from there.
const MONDAY = Date.UTC(1970, 0, 5);

/** Weekdays from the reference Monday up to and including the date (negative before it). */
function weekdaysUpTo(date: UTCDate): number {
  const days = Math.round((date.getTime() - MONDAY) / DAY);
  const weeks = Math.floor(days / 7);
  return weeks * 5 + Math.min(days - weeks * 7 + 1, 5);
}

/**
 * Weekdays after the first date up to and including the second, so that it undoes
 * add_business_days: Friday to Monday is 1, Saturday to Monday is 1, a weekend is 0.
 * (date-fns' differenceInBusinessDays counts the first day instead, and so gives Friday to
 * Sunday 1 but Saturday to Monday 0.)
 */
function businessDaysBetween(later: UTCDate, earlier: UTCDate): number {
  return weekdaysUpTo(later) - weekdaysUpTo(earlier);
}

function rootValue(name: '$today' | '$now', frame: Frame): unknown {
  return frame.state.roots.get(name)?.value ?? null;
}

export const dateFunctions: FunctionTable = {
  add_days: shift('add_days', addDays),
  // 2024-01-31 plus one month is 2024-02-29: the day is clamped to the end of a shorter month.
  add_months: shift('add_months', addMonths),
  // Monday to Friday; a weekend start counts from the next Monday.
  add_business_days: {
    arity: [2, 2],
    check(c) {
      wantDate(c, 0);
      want(c, 1, is.integer, 'number');
      return T.date;
    },
    run([value, count], frame) {
      if (value === null || count === null) return null;
      return addBusinessDays(toCalendarDate(value, 'add_business_days', frame.state.timeZone), wholeNumber(count, 'add_business_days'));
    },
  },
  business_days_between: between('business_days_between', businessDaysBetween),
  days_between: between('days_between', differenceInCalendarDays),
  start_of_month: datePart('start_of_month', (d) => calendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)),
  end_of_month: datePart('end_of_month', (d) => new UTCDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0))),
  year: datePart('year', (d) => new Dec(d.getUTCFullYear())),
  month: datePart('month', (d) => new Dec(d.getUTCMonth() + 1)),
  day: datePart('day', (d) => new Dec(d.getUTCDate())),
  today: { arity: [0, 0], check: () => T.date, run: (_args, frame) => rootValue('$today', frame) },
  now: { arity: [0, 0], check: () => T.datetime, run: (_args, frame) => rootValue('$now', frame) },
  // The calendar day of a datetime (in the evaluation's time zone) or of an ISO text.
  date: {
    arity: [1, 1],
    check(c) {
      want(c, 0, (t) => is.dateLike(t) || t.kind === 'text', 'text, date or datetime');
      return T.date;
    },
    run: ([value], frame) => (value === null ? null : isCalendarDate(value) ? value : toCalendarDate(value, 'date', frame.state.timeZone)),
  },
};
