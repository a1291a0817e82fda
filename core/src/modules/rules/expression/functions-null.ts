import { T, typeName, unify, type ExprType } from './expression-types.js';
import { evaluate, type FunctionTable } from './function-spec.js';

/** Empty: null, text of only spaces, or a list with no items. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

export const nullFunctions: FunctionTable = {
  // The first argument that is not null; the others are not evaluated.
  coalesce: {
    arity: [1, Infinity],
    lazy: true,
    check(c) {
      let result: ExprType = T.null;
      for (let i = 0; i < c.count; i += 1) {
        const type = c.arg(i).type;
        const merged = unify(result, type);
        if (!merged) c.report(i, 'mix', { left: typeName(result), right: typeName(type) });
        else result = merged;
      }
      return result;
    },
    run(args, frame) {
      for (const arg of args) {
        const value = evaluate(arg, frame);
        if (value !== null && value !== undefined) return value;
      }
      return null;
    },
  },
  is_empty: {
    arity: [1, 1],
    check(c) {
      c.arg(0);
      return T.boolean;
    },
    run: ([value]) => isEmpty(value),
  },
};
