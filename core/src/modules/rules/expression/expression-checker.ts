import { CrmError, type FieldError } from '../../../errors/crm-error.js';
import { DEFAULT_LOCALE, type Locale } from '../../../i18n/locale.js';
import { checkerMessage, pointer, type MessageKey } from './expression-messages.js';
import type { ExpressionScope } from './expression-scope.js';
import { argsOf, shapeProblems } from './expression-shape.js';
import { T, accepts, typeName, unify, type ExprType } from './expression-types.js';
import type { CheckContext, Checked, FrameInfo } from './function-spec.js';
import { FUNCTIONS, isFunctionName } from './functions.js';

/** A referenced record the expression reads: load these before evaluating (see loadLookups). */
export interface Lookup {
  /** Dotted path from the record to the reference field; lists (lines) are crossed implicitly: `customer`, `customer.company`, `lines.product`. */
  path: string;
  /** The referenced entity. */
  entity: string;
  /** Its fields the expression reads. */
  fields: string[];
}

export interface ExpressionCheck {
  type: ExprType;
  /** `boolean`, `decimal`, `list<text>`, … */
  typeName: string;
  /** Fields of the record it reads (their change may change the result). */
  fields: string[];
  /** `$` roots it reads. */
  roots: string[];
  /** Referenced records it reads, in load order (a path comes after the path it goes through). */
  lookups: Lookup[];
}

export interface CheckOptions {
  /** JSON Pointer of the expression in the document being saved, e.g. `/x-crm-rules/2/condition`. */
  path?: string;
  locale?: Locale;
  /** The type the result must have: `T.boolean` for a condition, the field's type for a formula. */
  expect?: ExprType;
}

/**
 * Checks an expression against a scope at save time: every function known and given the right
 * number and types of arguments, every variable a field the scope has. Throws
 * CRM_ERR_INVALID_EXPRESSION with one entry per problem, each at the JSON Pointer of its node.
 */
export function checkExpression(expression: unknown, scope: ExpressionScope, options: CheckOptions = {}): ExpressionCheck {
  const base = options.path ?? '';
  const locale = options.locale ?? DEFAULT_LOCALE;
  const problems: FieldError[] = [];
  const report = (path: string, key: MessageKey, params: Record<string, string | number> = {}) =>
    problems.push({ path, keyword: key, message: checkerMessage(key, locale, params) });

  for (const problem of shapeProblems(expression, isFunctionName, base)) report(problem.path, problem.key, problem.params);
  if (problems.length) throw new CrmError('CRM_ERR_INVALID_EXPRESSION', { fields: problems });

  const fields = new Set<string>();
  const roots = new Set<string>();
  const lookups = new Map<string, { entity: string; fields: Set<string> }>();
  const reads = {
    field: (name: string) => void fields.add(name),
    root: (name: string) => void roots.add(name),
    lookup(path: string, entity: string, field: string) {
      const entry = lookups.get(path) ?? { entity, fields: new Set<string>() };
      entry.fields.add(field);
      lookups.set(path, entry);
    },
  };

  const checkNode = (node: unknown, path: string, frame: FrameInfo): Checked => {
    if (node === null) return { type: T.null, literal: { value: null } };
    if (typeof node === 'boolean') return { type: T.boolean, literal: { value: node } };
    if (typeof node === 'number') return { type: Number.isInteger(node) ? T.number : T.decimal, literal: { value: node } };
    if (typeof node === 'string') return { type: T.text, literal: { value: node } };
    if (Array.isArray(node)) {
      let item: ExprType = T.null;
      node.forEach((element, i) => {
        const type = checkNode(element, pointer(path, i), frame).type;
        const merged = unify(item, type);
        if (!merged) report(pointer(path, i), 'mix', { left: typeName(item), right: typeName(type) });
        else item = merged;
      });
      return { type: T.list(item) };
    }
    const name = Object.keys(node as object)[0]!;
    const spec = FUNCTIONS[name]!;
    const raw = (node as Record<string, unknown>)[name];
    const args = argsOf(raw);
    const argPath = (i: number) => (Array.isArray(raw) ? pointer(path, name, i) : pointer(path, name));
    const seen = new Map<number, Checked>();
    const before = problems.length;
    const context: CheckContext = {
      name,
      count: args.length,
      scope,
      frame,
      reads,
      arg(i) {
        if (!seen.has(i)) seen.set(i, i < args.length ? checkNode(args[i], argPath(i), frame) : { type: T.null });
        return seen.get(i)!;
      },
      argIn(i, inner) {
        const checked = i < args.length ? checkNode(args[i], argPath(i), inner) : { type: T.null };
        seen.set(i, checked);
        return checked;
      },
      report: (i, key, params) => report(i === null ? path : argPath(i), key, params),
    };
    const [min, max] = spec.arity;
    if (args.length < min || args.length > max) {
      report(path, 'arity', { name, expected: min === max ? min : max === Infinity ? `${min}+` : `${min}–${max}`, count: args.length });
      args.forEach((_arg, i) => context.arg(i));
      return { type: T.any };
    }
    const result = spec.check(context);
    // Arguments a signature did not look at are still checked, so their own problems are found.
    args.forEach((_arg, i) => seen.has(i) || context.arg(i));
    // A node with a problem inside has no reliable type: `any` keeps one mistake from being reported again above.
    if (problems.length > before) return { type: T.any };
    return 'kind' in result ? { type: result } : result;
  };

  const result = checkNode(expression, base, { type: scope.record, origin: '' }).type;
  if (options.expect && !problems.length && !accepts(options.expect, result)) {
    report(base, 'result', { expected: typeName(options.expect), actual: typeName(result) });
  }
  if (problems.length) throw new CrmError('CRM_ERR_INVALID_EXPRESSION', { fields: problems });
  return {
    type: result,
    typeName: typeName(result),
    fields: [...fields].sort(),
    roots: [...roots].sort(),
    lookups: [...lookups]
      .map(([path, entry]) => ({ path, entity: entry.entity, fields: [...entry.fields].sort() }))
      .sort((a, b) => a.path.split('.').length - b.path.split('.').length || a.path.localeCompare(b.path)),
  };
}
