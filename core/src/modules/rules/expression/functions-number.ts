import { Decimal } from 'decimal.js';
import { is, numericType, want, wantAll, wantScale } from './check-helpers.js';
import { divisionByZero } from './expression-errors.js';
import { T } from './expression-types.js';
import { Dec, toDecimal } from './expression-values.js';
import type { CheckContext, FunctionSpec, FunctionTable } from './function-spec.js';

const decimals = (args: unknown[], op: string): Decimal[] | null =>
  args.some((arg) => arg === null || arg === undefined) ? null : args.map((arg) => toDecimal(arg, op));

function numericArgs(c: CheckContext) {
  return numericType(wantAll(c, is.numeric, 'number').map((arg) => arg.type));
}

/** Exact arithmetic on decimals: an empty operand gives an empty result (use coalesce for a default). */
function arithmetic(op: string, arity: readonly [number, number], apply: (values: Decimal[]) => Decimal): FunctionSpec {
  return {
    arity,
    check: numericArgs,
    run(args) {
      const values = decimals(args, op);
      return values && apply(values);
    },
  };
}

function rounding(mode: Decimal.Rounding, op: string): FunctionSpec {
  return {
    arity: [1, 2],
    check(c) {
      want(c, 0, is.numeric, 'number');
      if (c.count === 2) wantScale(c, 1);
      const scale = c.count === 2 ? c.arg(1).literal?.value : 0;
      return scale === 0 ? T.number : T.decimal;
    },
    run(args) {
      const values = decimals(args.length === 1 ? [args[0], 0] : args, op);
      if (!values) return null;
      const scale = values[1]!.toNumber();
      if (!Number.isInteger(scale) || scale < 0 || scale > 20) return null;
      return values[0]!.toDecimalPlaces(scale, mode);
    },
  };
}

export const numberFunctions: FunctionTable = {
  '+': arithmetic('+', [1, Infinity], (values) => values.reduce((sum, value) => sum.plus(value))),
  '-': arithmetic('-', [1, 2], (values) => (values.length === 1 ? values[0]!.negated() : values[0]!.minus(values[1]!))),
  '*': arithmetic('*', [1, Infinity], (values) => values.reduce((product, value) => product.times(value))),
  '/': {
    arity: [2, 2],
    check(c) {
      wantAll(c, is.numeric, 'number');
      return T.decimal;
    },
    run(args) {
      const values = decimals(args, '/');
      if (!values) return null;
      if (values[1]!.isZero()) throw divisionByZero('/');
      return values[0]!.dividedBy(values[1]!);
    },
  },
  '%': {
    arity: [2, 2],
    check: numericArgs,
    run(args) {
      const values = decimals(args, '%');
      if (!values) return null;
      if (values[1]!.isZero()) throw divisionByZero('%');
      return values[0]!.modulo(values[1]!);
    },
  },
  abs: {
    arity: [1, 1],
    check: numericArgs,
    run: (args) => decimals(args, 'abs')?.[0]!.abs() ?? null,
  },
  // Half away from zero, as people round money: round(2.345, 2) is 2.35, round(-2.5) is -3.
  round: rounding(Dec.ROUND_HALF_UP, 'round'),
  floor: rounding(Dec.ROUND_FLOOR, 'floor'),
  ceil: rounding(Dec.ROUND_CEIL, 'ceil'),
};
