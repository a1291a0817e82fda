import { CrmError } from '../../../errors/crm-error.js';
import { invalidExpression, valueError } from './expression-errors.js';
import { runNode } from './expression-engine.js';
import { USER_TYPE, type ExpressionScope } from './expression-scope.js';
import { shapeProblems } from './expression-shape.js';
import type { ExprType } from './expression-types.js';
import { dayOf, parseCalendarDate } from './expression-values.js';
import type { EvalState, Frame } from './function-spec.js';
import { isFunctionName } from './functions.js';
import { truthy } from './functions-logic.js';

export const DEFAULT_STEP_LIMIT = 50_000;

export interface ExpressionUser {
  id: string;
  username?: string;
  roles?: string[];
  department_id?: string | null;
}

/** Referenced records by id (what loadLookups returns); null marks an id looked up and not found. */
export type LookupRecords = ReadonlyMap<string, Record<string, unknown> | null>;

export interface EvaluationContext {
  scope: ExpressionScope;
  /** The record as stored or as the API returns it (decimals as strings, dates as ISO text). */
  record: Record<string, unknown> | null;
  /** `$before`: the stored record before an update; null on create. */
  before?: Record<string, unknown> | null;
  /** `$user`: who is acting. */
  user?: ExpressionUser | null;
  /** `$now`; the current time when absent. */
  now?: Date;
  /** `$today` as YYYY-MM-DD; the day of `now` in `timeZone` when absent. */
  today?: string;
  /** IANA time zone in which datetimes fall on days (date(), days_between, year, …). UTC when absent. */
  timeZone?: string;
  /** Values of the roots the scope declared beyond the built-in ones, in stored form. */
  roots?: Record<string, unknown>;
  /** Referenced records the expression reads; a path into one that is absent here is a caller's bug. */
  lookups?: LookupRecords;
  /** Work allowed for one evaluation: every operation and every item of an iteration costs one. */
  stepLimit?: number;
}

const BUILT_IN_ROOTS = new Set(['$record', '$before', '$user', '$now', '$today']);
const safeShapes = new WeakSet<object>();

/** The run-time guard for expressions that may never have been checked (plugins, stored data). */
function assertSafeShape(expression: unknown): void {
  if (expression === null || typeof expression !== 'object' || safeShapes.has(expression)) return;
  const problems = shapeProblems(expression, isFunctionName);
  if (problems.length) {
    throw invalidExpression(problems.map((p) => ({ path: p.path, keyword: p.key, message: `${p.key} ${JSON.stringify(p.params)}` })));
  }
  safeShapes.add(expression);
}

function buildState(context: EvaluationContext): EvalState {
  const timeZone = context.timeZone ?? 'UTC';
  const now = context.now ?? new Date();
  const given = context.today === undefined ? undefined : parseCalendarDate(context.today);
  if (context.today !== undefined && !given) throw valueError('$today', context.today);
  // Finding the day in a time zone costs more than most expressions: only when one reads it.
  let today: unknown = given;
  const todayRoot = {
    type: undefined,
    get value() {
      return (today ??= dayOf(now, timeZone));
    },
  };
  const { scope } = context;
  const roots = new Map<string, { value: unknown; type: ExprType | undefined }>([
    ['$record', { value: context.record, type: scope.record }],
    ['$before', { value: context.before ?? null, type: scope.record }],
    ['$user', { value: context.user ?? null, type: USER_TYPE }],
    ['$now', { value: now, type: undefined }],
    ['$today', todayRoot],
  ]);
  for (const [name, type] of scope.roots) {
    if (!BUILT_IN_ROOTS.has(name)) roots.set(name, { value: context.roots?.[name] ?? null, type });
  }
  return { scope, roots, lookups: context.lookups ?? new Map(), timeZone, steps: 0, stepLimit: context.stepLimit ?? DEFAULT_STEP_LIMIT, run: runNode };
}

/**
 * Evaluates an expression synchronously against a record. The result is a run-time value:
 * null, boolean, text, Decimal for numbers, a date or datetime (Date), a list, or an object;
 * turn it into a field's stored form with toFieldValue or into plain JSON with toJsonValue.
 * Failures are CrmErrors: CRM_ERR_EXPRESSION_LIMIT, CRM_ERR_DIVISION_BY_ZERO,
 * CRM_ERR_EXPRESSION_VALUE, CRM_ERR_INVALID_EXPRESSION, CRM_ERR_LOOKUP_NOT_LOADED.
 */
export function evaluateExpression(expression: unknown, context: EvaluationContext): unknown {
  assertSafeShape(expression);
  const state = buildState(context);
  const frame: Frame = { state, value: context.record, type: context.scope.record };
  try {
    return runNode(expression, frame);
  } catch (error) {
    throw asCrmError(error);
  }
}

/** A condition holds only when the expression gives true: null (empty) and false do not. */
export function evaluateCondition(expression: unknown, context: EvaluationContext): boolean {
  return truthy(evaluateExpression(expression, context));
}

function asCrmError(error: unknown): CrmError {
  if (error instanceof CrmError) return error;
  if (error && typeof error === 'object' && (error as { type?: unknown }).type === 'Unknown Operator') {
    const key = String((error as { key?: unknown }).key);
    return invalidExpression([{ path: '', keyword: 'unknown_function', message: `unknown function "${key}"` }]);
  }
  // decimal.js refuses values past its range with a plain Error: report it as a value the expression cannot use.
  const message = error instanceof Error ? error.message : String(error);
  return valueError(message.startsWith('[DecimalError]') ? 'number' : 'expression', message);
}

