import { pointer, type MessageKey } from './expression-messages.js';

export const MAX_DEPTH = 32;
export const MAX_NODES = 2000;
/** Never a step of a variable path: reading them would reach into JavaScript's prototypes. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface ShapeProblem {
  path: string;
  key: MessageKey;
  params: Record<string, string | number>;
}

/** The arguments of an operation: JSON Logic lets a single argument stand without its array. */
export function argsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

export function unsafeSegment(path: string): string | undefined {
  return path.split('.').find((segment) => FORBIDDEN_SEGMENTS.has(segment));
}

/**
 * The structural rules every expression obeys before anything else looks at it: operations
 * are one-key objects naming a known function, at most MAX_DEPTH operations deep and MAX_NODES
 * values in all, and no variable path reaches into a prototype. It stops at the first breach of
 * a limit, so a hostile document costs at most MAX_NODES steps.
 */
export function shapeProblems(expression: unknown, isFunction: (name: string) => boolean, base = ''): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  let nodes = 0;
  const visit = (node: unknown, path: string, depth: number): boolean => {
    nodes += 1;
    if (nodes > MAX_NODES) {
      problems.push({ path: base || '', key: 'too_big', params: { max: MAX_NODES } });
      return false;
    }
    if (node === null || typeof node !== 'object') return true;
    if (depth > MAX_DEPTH) {
      problems.push({ path, key: 'too_deep', params: { max: MAX_DEPTH } });
      return false;
    }
    if (Array.isArray(node)) return node.every((item, i) => visit(item, pointer(path, i), depth + 1));
    const keys = Object.keys(node);
    const proto = Object.getPrototypeOf(node);
    if (keys.length !== 1 || (proto !== Object.prototype && proto !== null)) {
      problems.push({ path, key: 'malformed', params: {} });
      return true;
    }
    const name = keys[0]!;
    if (!isFunction(name)) {
      problems.push({ path, key: 'unknown_function', params: { name } });
      return true;
    }
    const value = (node as Record<string, unknown>)[name];
    if (name === 'var') {
      const target = argsOf(value)[0];
      const segment = typeof target === 'string' ? unsafeSegment(target) : undefined;
      if (segment) problems.push({ path, key: 'unsafe_path', params: { segment } });
    }
    const args = argsOf(value);
    const argPath = (i: number) => (Array.isArray(value) ? pointer(path, name, i) : pointer(path, name));
    return args.every((arg, i) => visit(arg, argPath(i), depth + 1));
  };
  visit(expression, base, 1);
  return problems;
}
