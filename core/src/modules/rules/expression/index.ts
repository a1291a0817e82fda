// The expression language of every rule (formulas, validations, defaults, dependent fields,
// triggers, workflow guards): pure TypeScript with no Node or database imports, so that the admin
// UI imports the same code as `@crm/core/expression`. Loading referenced records is in
// load-lookups.ts (server only). Reference: docs/expressions.md.

export { T, typeName, accepts, unify, type ExprType, type ScalarKind } from './expression-types.js';
export {
  buildExpressionScope, entityRecordType, fieldExprType, USER_TYPE,
  type ExpressionScope, type EntityResolver, type ScopeOptions, type ObjectType,
} from './expression-scope.js';
export { checkExpression, type CheckOptions, type ExpressionCheck, type Lookup } from './expression-checker.js';
export {
  evaluateExpression, evaluateCondition, DEFAULT_STEP_LIMIT,
  type EvaluationContext, type ExpressionUser, type LookupRecords,
} from './expression-evaluator.js';
export { toFieldValue, toJsonValue, type TargetField } from './field-values.js';
export { Dec, RecordRef, isDecimal, isCalendarDate, isInstant } from './expression-values.js';
export { MAX_DEPTH, MAX_NODES } from './expression-shape.js';
export { MAX_TEXT_LENGTH } from './functions-text.js';
export { MAX_LOOKUP_HOPS } from './functions-var.js';
export { FUNCTION_NAMES } from './functions.js';
