import { is, want, wantAll, wantScale } from './check-helpers.js';
import { limitError, valueError } from './expression-errors.js';
import { T, type ExprType } from './expression-types.js';
import { Dec, textOf, toDecimal } from './expression-values.js';
import { tick, type CheckContext, type FunctionSpec, type FunctionTable } from './function-spec.js';
import { equalValues } from './compare-values.js';

/** No text an expression builds may grow past this many characters (cat inside reduce doubles fast). */
export const MAX_TEXT_LENGTH = 100_000;

function bounded(text: string): string {
  if (text.length > MAX_TEXT_LENGTH) throw limitError(MAX_TEXT_LENGTH, 'text_length');
  return text;
}

/** Characters, not UTF-16 units: "电压" has length 2, and so does an emoji pair. */
const chars = (text: string) => Array.from(text);

function textToText(apply: (text: string) => string): FunctionSpec {
  return {
    arity: [1, 1],
    check(c) {
      want(c, 0, is.text, 'text');
      return T.text;
    },
    run: ([value]) => (value === null ? null : apply(textOf(value, 'text'))),
  };
}

function textTest(test: (text: string, part: string) => boolean): FunctionSpec {
  return {
    arity: [2, 2],
    check(c) {
      want(c, 0, is.text, 'text');
      want(c, 1, is.text, 'text');
      return T.boolean;
    },
    run([value, part]) {
      if (value === null || part === null) return false;
      return test(textOf(value, 'text'), textOf(part, 'text'));
    },
  };
}

function checkContains(c: CheckContext): ExprType {
  const haystack = want(c, 0, (t) => is.text(t) || is.list(t), 'text or list');
  if (haystack.type.kind === 'list') c.arg(1);
  else want(c, 1, is.text, 'text');
  return T.boolean;
}

export const textFunctions: FunctionTable = {
  cat: {
    arity: [0, Infinity],
    check(c) {
      wantAll(c, is.scalar, 'text, number or date');
      return T.text;
    },
    run: (args) => bounded(args.map((arg) => textOf(arg, 'cat')).join('')),
  },
  // JSON Logic's substr: a negative start counts from the end, a negative length leaves characters off the end.
  substr: {
    arity: [2, 3],
    check(c) {
      want(c, 0, is.text, 'text');
      want(c, 1, is.integer, 'number');
      if (c.count === 3) want(c, 2, is.integer, 'number');
      return T.text;
    },
    run([value, start, length]) {
      if (value === null || start === null) return null;
      const text = chars(textOf(value, 'substr'));
      const from = toDecimal(start, 'substr').toNumber();
      const begin = from < 0 ? Math.max(0, text.length + from) : from;
      if (length === undefined || length === null) return text.slice(begin).join('');
      const count = toDecimal(length, 'substr').toNumber();
      return (count < 0 ? text.slice(begin, count) : text.slice(begin, begin + count)).join('');
    },
  },
  // A number as text with exactly `scale` decimals (half away from zero): to_fixed(1234.5, 2) is "1234.50".
  to_fixed: {
    arity: [2, 2],
    check(c) {
      want(c, 0, is.numeric, 'number');
      wantScale(c, 1);
      return T.text;
    },
    run([value, scale]) {
      if (value === null || scale === null) return null;
      const digits = toDecimal(scale, 'to_fixed').toNumber();
      if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw valueError('to_fixed', digits);
      return toDecimal(value, 'to_fixed').toFixed(digits, Dec.ROUND_HALF_UP);
    },
  },
  upper: textToText((text) => text.toLocaleUpperCase('en')),
  lower: textToText((text) => text.toLocaleLowerCase('en')),
  trim: textToText((text) => text.trim()),
  length: {
    arity: [1, 1],
    check(c) {
      want(c, 0, (t) => is.text(t) || is.list(t), 'text or list');
      return T.number;
    },
    run([value]) {
      if (value === null) return new Dec(0);
      return new Dec(Array.isArray(value) ? value.length : chars(textOf(value, 'length')).length);
    },
  },
  // Case-sensitive, like the other text tests: lower() both sides to ignore case.
  contains: {
    arity: [2, 2],
    check: checkContains,
    run([value, part], frame) {
      if (value === null || part === null) return false;
      if (Array.isArray(value)) {
        tick(frame, value.length);
        return value.some((item) => equalValues(item, part, frame.state.timeZone));
      }
      return textOf(value, 'contains').includes(textOf(part, 'contains'));
    },
  },
  starts_with: textTest((text, part) => text.startsWith(part)),
  ends_with: textTest((text, part) => text.endsWith(part)),
};
