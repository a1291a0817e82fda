/**
 * Static types of the expression language. Every value may also be null (an empty field):
 * null is accepted wherever a type is expected, and the functions say what they do with it.
 */
export type ScalarKind = 'any' | 'null' | 'text' | 'number' | 'decimal' | 'boolean' | 'date' | 'datetime';

export type ExprType =
  | { kind: ScalarKind }
  | { kind: 'list'; of: ExprType }
  | { kind: 'object'; fields: Readonly<Record<string, ExprType>> }
  /** A reference field: its value is the id; a path through it reads the referenced record. */
  | { kind: 'reference'; entity: string };

export const T = {
  any: { kind: 'any' },
  null: { kind: 'null' },
  text: { kind: 'text' },
  number: { kind: 'number' },
  decimal: { kind: 'decimal' },
  boolean: { kind: 'boolean' },
  date: { kind: 'date' },
  datetime: { kind: 'datetime' },
  list: (of: ExprType): ExprType => ({ kind: 'list', of }),
  object: (fields: Record<string, ExprType>): ExprType => ({ kind: 'object', fields }),
  reference: (entity: string): ExprType => ({ kind: 'reference', entity }),
} as const satisfies Record<string, ExprType | ((...args: never[]) => ExprType)>;

/** How a type is named in messages and in the checker's result: `number`, `list<text>`, `reference<customer>`. */
export function typeName(type: ExprType): string {
  switch (type.kind) {
    case 'list':
      return `list<${typeName(type.of)}>`;
    case 'reference':
      return `reference<${type.entity}>`;
    case 'object':
      return 'object';
    default:
      return type.kind;
  }
}

export function isNumeric(type: ExprType): boolean {
  return type.kind === 'number' || type.kind === 'decimal';
}

/** Unknown at check time (json fields, null): the checker lets it through and the run time decides. */
export function isOpen(type: ExprType): boolean {
  return type.kind === 'any' || type.kind === 'null';
}

/** Whether a value of type `actual` may be used where `expected` is wanted. */
export function accepts(expected: ExprType, actual: ExprType): boolean {
  if (expected.kind === 'any' || isOpen(actual)) return true;
  if (expected.kind === 'decimal') return isNumeric(actual);
  if (expected.kind === 'text') return actual.kind === 'text' || actual.kind === 'reference';
  if (expected.kind === 'list') return actual.kind === 'list' && accepts(expected.of, actual.of);
  if (expected.kind === 'reference') return actual.kind === 'reference' && actual.entity === expected.entity;
  if (expected.kind === 'object') return actual.kind === 'object';
  return expected.kind === actual.kind;
}

/** The type of a value that may come from either branch (if, coalesce); undefined when they do not mix. */
export function unify(a: ExprType, b: ExprType): ExprType | undefined {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'any' || b.kind === 'any') return T.any;
  if (isNumeric(a) && isNumeric(b)) return a.kind === 'number' && b.kind === 'number' ? T.number : T.decimal;
  if (a.kind === 'list' && b.kind === 'list') {
    const of = unify(a.of, b.of);
    return of && T.list(of);
  }
  if (a.kind === 'reference' && b.kind === 'reference') return a.entity === b.entity ? a : T.text;
  if ((a.kind === 'reference' && b.kind === 'text') || (a.kind === 'text' && b.kind === 'reference')) return T.text;
  if (a.kind === 'object' && b.kind === 'object') return a;
  return a.kind === b.kind ? a : undefined;
}

/** Which values can be compared with ==: numbers with numbers, text with text and ids, … */
export function comparableFamily(type: ExprType): string {
  if (isNumeric(type)) return 'number';
  if (type.kind === 'reference') return 'text';
  return type.kind;
}

/** Types with an order (<, between, min, max). */
export function isOrdered(type: ExprType): boolean {
  return isNumeric(type) || type.kind === 'date' || type.kind === 'datetime' || type.kind === 'text';
}
