import { is, want, wantAll } from './check-helpers.js';
import { compareValues, equalValues } from './compare-values.js';
import { comparableFamily, isOpen, isOrdered, typeName, unify, T, type ExprType } from './expression-types.js';
import { parseCalendarDate, parseInstant, textOf } from './expression-values.js';
import { evaluate, tick, type CheckContext, type Checked, type FunctionSpec, type FunctionTable } from './function-spec.js';

/** Only `true` is true: null (an empty field) and every other value count as false. */
export function truthy(value: unknown): boolean {
  return value === true;
}

/** Reports two operands that cannot be compared; a text literal may stand for a date ("2024-01-31"). */
function wantComparable(c: CheckContext, i: number, j: number, ordered: boolean): void {
  const [a, b] = [c.arg(i), c.arg(j)];
  if (isOpen(a.type) || isOpen(b.type)) return;
  if (dateLiteral(a, b.type) || dateLiteral(b, a.type)) return;
  if (literalNotDate(c, i, a, b.type) || literalNotDate(c, j, b, a.type)) return;
  const same = comparableFamily(a.type) === comparableFamily(b.type);
  if (!same || (ordered && !isOrdered(a.type))) {
    c.report(j, 'compare', { left: typeName(a.type), right: typeName(b.type) });
  }
}

function dateLiteral(arg: Checked, other: ExprType): boolean {
  const value = arg.literal?.value;
  if (typeof value !== 'string') return false;
  if (other.kind === 'date') return parseCalendarDate(value) !== undefined;
  if (other.kind === 'datetime') return parseInstant(value) !== undefined || parseCalendarDate(value) !== undefined;
  return false;
}

function literalNotDate(c: CheckContext, i: number, arg: Checked, other: ExprType): boolean {
  const value = arg.literal?.value;
  if (typeof value !== 'string' || (other.kind !== 'date' && other.kind !== 'datetime')) return false;
  c.report(i, 'not_a_date', { value, type: other.kind });
  return true;
}

function comparison(test: (order: number) => boolean): FunctionSpec {
  return {
    arity: [2, 3],
    check(c) {
      for (let i = 1; i < c.count; i += 1) wantComparable(c, i - 1, i, true);
      return T.boolean;
    },
    run(args, frame) {
      for (let i = 1; i < args.length; i += 1) {
        const order = compareValues(args[i - 1], args[i], 'compare', frame.state.timeZone);
        if (order === null || !test(order)) return false;
      }
      return true;
    },
  };
}

const equality = (negate: boolean): FunctionSpec => ({
  arity: [2, 2],
  check(c) {
    wantComparable(c, 0, 1, false);
    return T.boolean;
  },
  run: ([a, b], frame) => equalValues(a, b, frame.state.timeZone) !== negate,
});

const not: FunctionSpec = {
  arity: [1, 1],
  check(c) {
    want(c, 0, is.boolean, 'boolean');
    return T.boolean;
  },
  run: ([value]) => !truthy(value),
};

const junction = (stopOn: boolean): FunctionSpec => ({
  arity: [1, Infinity],
  lazy: true,
  check(c) {
    wantAll(c, is.boolean, 'boolean');
    return T.boolean;
  },
  run(args, frame) {
    for (const arg of args) if (truthy(evaluate(arg, frame)) === stopOn) return stopOn;
    return !stopOn;
  },
});

export const logicFunctions: FunctionTable = {
  and: junction(false),
  or: junction(true),
  '!': not,
  not,
  if: {
    arity: [2, Infinity],
    lazy: true,
    check(c) {
      let result: ExprType = T.null;
      for (let i = 0; i < c.count; i += 2) {
        const isElse = i === c.count - 1;
        if (!isElse) want(c, i, is.boolean, 'boolean');
        const branch = c.arg(isElse ? i : i + 1);
        const merged = unify(result, branch.type);
        if (!merged) c.report(isElse ? i : i + 1, 'mix', { left: typeName(result), right: typeName(branch.type) });
        else result = merged;
      }
      return result;
    },
    run(args, frame) {
      for (let i = 0; i < args.length; i += 2) {
        if (i === args.length - 1) return evaluate(args[i], frame);
        if (truthy(evaluate(args[i], frame))) return evaluate(args[i + 1], frame);
      }
      return null;
    },
  },
  '==': equality(false),
  '===': equality(false),
  '!=': equality(true),
  '!==': equality(true),
  '<': comparison((order) => order < 0),
  '<=': comparison((order) => order <= 0),
  '>': comparison((order) => order > 0),
  '>=': comparison((order) => order >= 0),
  between: {
    arity: [3, 3],
    check(c) {
      wantComparable(c, 0, 1, true);
      wantComparable(c, 0, 2, true);
      return T.boolean;
    },
    run([value, low, high], frame) {
      const tz = frame.state.timeZone;
      const above = compareValues(value, low, 'between', tz);
      const below = compareValues(value, high, 'between', tz);
      return above !== null && below !== null && above >= 0 && below <= 0;
    },
  },
  in: {
    arity: [2, 2],
    check(c) {
      const [needle, haystack] = [c.arg(0), want(c, 1, (t) => t.kind === 'list' || is.text(t), 'list or text')];
      if (haystack.type.kind === 'list' && !isOpen(needle.type) && !isOpen(haystack.type.of)
        && comparableFamily(needle.type) !== comparableFamily(haystack.type.of)) {
        c.report(0, 'compare', { left: typeName(needle.type), right: typeName(haystack.type.of) });
      } else if (is.text(haystack.type)) {
        want(c, 0, is.text, 'text');
      }
      return T.boolean;
    },
    run([needle, haystack], frame) {
      if (needle === null || haystack === null) return false;
      if (Array.isArray(haystack)) {
        tick(frame, haystack.length);
        return haystack.some((item) => equalValues(needle, item, frame.state.timeZone));
      }
      if (typeof haystack !== 'string') return false;
      const text = textOf(needle, 'in');
      return text.length > 0 && haystack.includes(text);
    },
  },
};
