import { Decimal } from 'decimal.js';
import { is, numericType, want } from './check-helpers.js';
import { compareValues } from './compare-values.js';
import { valueError } from './expression-errors.js';
import { T, isOpen, isOrdered, typeName, unify, type ExprType } from './expression-types.js';
import { Dec, bareObject, toDecimal } from './expression-values.js';
import { truthy } from './functions-logic.js';
import { evaluate, itemFrame, tick, type CheckContext, type Checked, type Frame, type FunctionSpec, type FunctionTable } from './function-spec.js';

/** The list argument: its item type, and where its items live in the record (for lookups in the body). */
function listArg(c: CheckContext): { item: ExprType; origin: string | undefined } {
  const list: Checked = want(c, 0, is.list, 'list');
  return { item: list.type.kind === 'list' ? list.type.of : T.any, origin: list.origin };
}

function body(c: CheckContext, i: number, list: { item: ExprType; origin: string | undefined }): Checked {
  return c.argIn(i, { type: list.item, origin: list.origin });
}

function listValue(frame: Frame, node: unknown, op: string): unknown[] | null {
  const value = evaluate(node, frame);
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) throw valueError(op, value);
  return value;
}

/** Evaluates the body once per item, paying one step per item on top of the body's own. */
function eachItem(frame: Frame, items: unknown[], node: unknown, visit: (result: unknown, item: unknown) => boolean | void): void {
  for (const item of items) {
    tick(frame);
    if (visit(evaluate(node, itemFrame(frame, item)), item) === false) return;
  }
}

function predicate(c: CheckContext): ExprType {
  const list = listArg(c);
  const test = body(c, 1, list);
  if (!isOpen(test.type) && !is.boolean(test.type)) c.report(1, 'type', { name: c.name, expected: 'boolean', actual: typeName(test.type) });
  return T.boolean;
}

/** Items, or the body's value of each item when a body is given; empty values are left out. */
function projected(args: unknown[], frame: Frame, op: string): unknown[] | null {
  const items = listValue(frame, args[0], op);
  if (!items) return null;
  if (args.length < 2) {
    tick(frame, items.length);
    return items.filter((item) => item !== null && item !== undefined);
  }
  const out: unknown[] = [];
  eachItem(frame, items, args[1], (result) => {
    if (result !== null && result !== undefined) out.push(result);
  });
  return out;
}

function projectedType(c: CheckContext): ExprType {
  const list = listArg(c);
  return c.count === 2 ? body(c, 1, list).type : list.item;
}

function aggregate(op: 'min' | 'max'): FunctionSpec {
  const better = (order: number) => (op === 'min' ? order < 0 : order > 0);
  return {
    arity: [1, Infinity],
    lazy: true,
    check(c) {
      const first = c.arg(0);
      if (first.type.kind === 'list') {
        if (c.count > 2) c.report(null, 'arity', { name: op, expected: '1–2', count: c.count });
        const type = projectedType(c);
        if (!isOpen(type) && !isOrdered(type)) c.report(c.count - 1, 'type', { name: op, expected: 'number, date or text', actual: typeName(type) });
        return type;
      }
      let result: ExprType = T.null;
      for (let i = 0; i < c.count; i += 1) {
        const arg = want(c, i, isOrdered, 'number, date or text');
        const merged = unify(result, arg.type);
        if (!merged) c.report(i, 'compare', { left: typeName(result), right: typeName(arg.type) });
        else result = merged;
      }
      return result;
    },
    run(args, frame) {
      const first = evaluate(args[0], frame);
      const values = Array.isArray(first)
        ? projected(args, frame, op) ?? []
        : [first, ...args.slice(1).map((arg) => evaluate(arg, frame))].filter((value) => value !== null && value !== undefined);
      let best: unknown = null;
      for (const value of values) {
        tick(frame);
        if (best === null || better(compareValues(value, best, op, frame.state.timeZone)!)) best = value;
      }
      return best;
    },
  };
}

function sumOf(values: unknown[], op: string): Decimal {
  return values.reduce<Decimal>((sum, value) => sum.plus(toDecimal(value, op)), new Dec(0));
}

export const listFunctions: FunctionTable = {
  map: {
    arity: [2, 2],
    lazy: true,
    check(c) {
      const list = listArg(c);
      return { type: T.list(body(c, 1, list).type), origin: undefined };
    },
    run(args, frame) {
      const items = listValue(frame, args[0], 'map');
      if (!items) return [];
      const out: unknown[] = [];
      eachItem(frame, items, args[1], (result) => void out.push(result));
      return out;
    },
  },
  filter: {
    arity: [2, 2],
    lazy: true,
    check(c) {
      predicate(c);
      const list = c.arg(0);
      return { type: list.type.kind === 'list' ? list.type : T.list(T.any), origin: list.origin };
    },
    run(args, frame) {
      const items = listValue(frame, args[0], 'filter');
      if (!items) return [];
      const out: unknown[] = [];
      eachItem(frame, items, args[1], (result, item) => void (truthy(result) && out.push(item)));
      return out;
    },
  },
  // JSON Logic's reduce: [list, body, initial]; the body reads {"var":"current"} and {"var":"accumulator"}.
  reduce: {
    arity: [3, 3],
    lazy: true,
    check(c) {
      const list = listArg(c);
      const initial = c.arg(2).type;
      const frame = { type: T.object({ current: list.item, accumulator: initial }), origin: undefined, childOrigins: { current: list.origin, accumulator: undefined } };
      const step = c.argIn(1, frame).type;
      const result = unify(initial, step);
      if (!result) c.report(1, 'mix', { left: typeName(initial), right: typeName(step) });
      return result ?? T.any;
    },
    run(args, frame) {
      let accumulator = evaluate(args[2], frame);
      const items = listValue(frame, args[0], 'reduce');
      for (const current of items ?? []) {
        tick(frame);
        const scope = bareObject();
        scope.current = current;
        scope.accumulator = accumulator;
        accumulator = evaluate(args[1], itemFrame(frame, scope));
      }
      return accumulator;
    },
  },
  some: {
    arity: [2, 2],
    lazy: true,
    check: predicate,
    run(args, frame) {
      let found = false;
      eachItem(frame, listValue(frame, args[0], 'some') ?? [], args[1], (result) => !(found = truthy(result)));
      return found;
    },
  },
  // True for an empty list: "all lines have a quantity" holds when there are none.
  all: {
    arity: [2, 2],
    lazy: true,
    check: predicate,
    run(args, frame) {
      let holds = true;
      eachItem(frame, listValue(frame, args[0], 'all') ?? [], args[1], (result) => (holds = truthy(result)));
      return holds;
    },
  },
  none: {
    arity: [2, 2],
    lazy: true,
    check: predicate,
    run(args, frame) {
      let found = false;
      eachItem(frame, listValue(frame, args[0], 'none') ?? [], args[1], (result) => !(found = truthy(result)));
      return !found;
    },
  },
  sum: {
    arity: [1, 2],
    lazy: true,
    check(c) {
      const type = projectedType(c);
      if (!isOpen(type) && !is.numeric(type)) c.report(c.count - 1, 'type', { name: 'sum', expected: 'number', actual: typeName(type) });
      return numericType([type]);
    },
    run: (args, frame) => sumOf(projected(args, frame, 'sum') ?? [], 'sum'),
  },
  avg: {
    arity: [1, 2],
    lazy: true,
    check(c) {
      const type = projectedType(c);
      if (!isOpen(type) && !is.numeric(type)) c.report(c.count - 1, 'type', { name: 'avg', expected: 'number', actual: typeName(type) });
      return T.decimal;
    },
    run(args, frame) {
      const values = projected(args, frame, 'avg') ?? [];
      return values.length === 0 ? null : sumOf(values, 'avg').dividedBy(values.length);
    },
  },
  // count(list) counts the items that are not empty; count(list, condition) those for which it holds.
  count: {
    arity: [1, 2],
    lazy: true,
    check(c) {
      if (c.count === 2) predicate(c);
      else listArg(c);
      return T.number;
    },
    run(args, frame) {
      const items = listValue(frame, args[0], 'count') ?? [];
      if (args.length === 1) {
        tick(frame, items.length);
        return new Dec(items.filter((item) => item !== null && item !== undefined).length);
      }
      let count = 0;
      eachItem(frame, items, args[1], (result) => void (truthy(result) && (count += 1)));
      return new Dec(count);
    },
  },
  min: aggregate('min'),
  max: aggregate('max'),
};
