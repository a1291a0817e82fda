import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateExpression, MAX_DEPTH, MAX_NODES } from '../index.js';
import { errorCode, problems, run, scopeFor } from './fixtures.js';

const scope = scopeFor();
const evaluate = (expression: unknown, record: Record<string, unknown> = {}, stepLimit?: number) =>
  evaluateExpression(expression, { scope, record, ...(stepLimit ? { stepLimit } : {}) });

function nested(depth: number): unknown {
  let node: unknown = true;
  for (let i = 0; i < depth; i += 1) node = { '!': [node] };
  return node;
}

describe('unsafe input is refused when saved and when run', () => {
  it('refuses prototype segments in variable paths', () => {
    for (const path of ['__proto__', 'constructor', 'extra.__proto__.x', 'lines.prototype', '$user.constructor', 'customer.constructor.name']) {
      expect(problems({ var: path }, { path: '/rule' })).toEqual([['/rule', 'unsafe_path']]);
      expect(errorCode(() => evaluate({ var: path }))).toBe('CRM_ERR_INVALID_EXPRESSION');
    }
    expect(problems({ and: [true, { var: ['constructor', 1] }] })).toEqual([['/and/1', 'unsafe_path']]);
  });

  it('refuses variable paths computed at run time', () => {
    const computed = { var: { cat: ['__pro', 'to__'] } };
    expect(problems(computed)).toEqual([['/var', 'var_path']]);
    expect(errorCode(() => evaluate(computed))).toBe('CRM_ERR_INVALID_EXPRESSION');
  });

  it('treats Object.prototype names as unknown functions', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      expect(problems({ [name]: [] })).toEqual([['', 'unknown_function']]);
      expect(errorCode(() => evaluate({ [name]: [] }))).toBe('CRM_ERR_INVALID_EXPRESSION');
    }
    const parsed = JSON.parse('{"__proto__": [{"var": "amount"}]}');
    expect(problems(parsed)).toEqual([['', 'unknown_function']]);
    expect(errorCode(() => evaluate(parsed))).toBe('CRM_ERR_INVALID_EXPRESSION');
  });

  it('refuses unknown functions and malformed operations', () => {
    expect(problems({ regex_match: ['(a+)+$', 'aaaa'] })).toEqual([['', 'unknown_function']]);
    expect(errorCode(() => evaluate({ log: ['x'] }))).toBe('CRM_ERR_INVALID_EXPRESSION');
    expect(problems({ '+': [1, { '+': [1], '-': [2] }] })).toEqual([['/+/1', 'malformed']]);
    expect(problems({ and: [{}] })).toEqual([['/and/0', 'malformed']]);
  });

  it('reads a stored __proto__ key as plain data and pollutes nothing', () => {
    const extra = JSON.parse('{"__proto__": {"polluted": true}, "level": 3}');
    expect(run({ var: 'extra.level' }, { extra })).toBe('3');
    expect(run({ is_empty: { var: 'extra.polluted' } }, { extra })).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it(`refuses expressions nested deeper than ${MAX_DEPTH}`, () => {
    expect(problems(nested(MAX_DEPTH))).toEqual([]);
    const [[path, keyword]] = problems(nested(MAX_DEPTH + 1), { path: '/x' }) as [[string, string]];
    expect(keyword).toBe('too_deep');
    expect(path).toBe(`/x${'/!/0'.repeat(MAX_DEPTH)}`);
    expect(errorCode(() => evaluate(nested(MAX_DEPTH + 1)))).toBe('CRM_ERR_INVALID_EXPRESSION');
    expect(errorCode(() => evaluate(nested(100_000)))).toBe('CRM_ERR_INVALID_EXPRESSION');
  });

  it(`refuses expressions larger than ${MAX_NODES} parts`, () => {
    const big = { '+': Array.from({ length: MAX_NODES }, () => 1) };
    expect(problems(big)).toEqual([['', 'too_big']]);
    expect(errorCode(() => evaluate(big))).toBe('CRM_ERR_INVALID_EXPRESSION');
    expect(problems({ '+': Array.from({ length: MAX_NODES - 2 }, () => 1) })).toEqual([]);
  });
});

describe('the step budget', () => {
  const lines = Array.from({ length: 400 }, (_, i) => ({ qty: i, price: '1.00' }));
  const quadratic = { sum: [{ var: 'lines' }, { count: [{ var: '$record.lines' }, { '>': [{ var: 'qty' }, 0] }] }] };

  it('stops an evaluation that would take too long with CRM_ERR_EXPRESSION_LIMIT', () => {
    try {
      evaluate(quadratic, { lines });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe('CRM_ERR_EXPRESSION_LIMIT');
      expect((error as { details: unknown }).details).toEqual({ kind: 'steps', limit: 50_000 });
      expect((error as Error).message).toBe('The expression is too costly to evaluate (limit 50000 exceeded)');
    }
  });

  it('counts iterations, not only operations', () => {
    const count = { count: [{ var: 'lines' }, true] };
    expect(errorCode(() => evaluate(count, { lines: lines.slice(0, 10) }, 12))).toBeUndefined();
    expect(errorCode(() => evaluate(count, { lines: lines.slice(0, 11) }, 12))).toBe('CRM_ERR_EXPRESSION_LIMIT');
  });

  it('lets the same expression through on smaller data or a larger budget', () => {
    expect(String(evaluate(quadratic, { lines: lines.slice(0, 50) }))).toBe(String(49 * 50));
    expect(String(evaluate(quadratic, { lines }, 1_000_000))).toBe(String(399 * 400));
  });
});

describe('no code is generated', () => {
  const original = { Function: globalThis.Function, eval: globalThis.eval };
  beforeEach(() => {
    const refuse = () => {
      throw new Error('code generation attempted');
    };
    globalThis.Function = new Proxy(original.Function, { construct: refuse, apply: refuse });
    globalThis.eval = refuse as typeof eval;
  });
  afterEach(() => {
    globalThis.Function = original.Function;
    globalThis.eval = original.eval;
  });

  it('evaluates every function family with Function and eval unavailable', () => {
    const record = { amount: '12.50', order_date: '2024-03-15', tags: ['vip'], lines: [{ qty: 2, price: '1.25' }], reason: 'ok' };
    const expression = {
      and: [
        { '>': [{ sum: [{ var: 'lines' }, { '*': [{ var: 'qty' }, { var: 'price' }] }] }, 1] },
        { '==': [{ add_business_days: [{ var: 'order_date' }, 1] }, '2024-03-18'] },
        { starts_with: [{ upper: { var: 'reason' } }, 'O'] },
        { in: ['vip', { var: 'tags' }] },
        { '!': { is_empty: { coalesce: [{ var: 'amount' }, 0] } } },
      ],
    };
    expect(run(expression, record)).toBe(true);
  });

  it('the module source never calls eval, new Function or the engine build path', () => {
    const dir = new URL('..', import.meta.url);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      expect(source, file).not.toMatch(/\beval\s*\(|new\s+Function|\.build\s*\(|Compiler/);
    }
  });
});
