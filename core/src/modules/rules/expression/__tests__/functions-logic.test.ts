import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../index.js';
import { run, scopeFor } from './fixtures.js';

describe('logic and comparisons', () => {
  it('compares decimals numerically, never as strings', () => {
    expect(run({ '>': [{ var: 'amount' }, { var: 'discount_pct' }] }, { amount: '10', discount_pct: '9' })).toBe(true);
    expect(run({ '>': [{ var: 'amount' }, 9] }, { amount: '10.00' })).toBe(true);
    expect(run({ '==': [{ var: 'amount' }, 10] }, { amount: '10.00' })).toBe(true);
    expect(run({ '<': [{ var: 'amount' }, { var: 'quantity' }] }, { amount: '100.5', quantity: 2 })).toBe(false);
    expect(run({ '>=': [{ var: 'quantity' }, 10] }, { quantity: 10 })).toBe(true);
    expect(run({ '<=': [1, { var: 'quantity' }, 3] }, { quantity: 2 })).toBe(true);
  });

  it('and, or, not and if short-circuit and only true counts as true', () => {
    expect(run({ and: [true, { '>': [{ var: 'quantity' }, 1] }] }, { quantity: 2 })).toBe(true);
    expect(run({ or: [false, { '!': { var: 'approved' } }] }, {})).toBe(true);
    expect(run({ not: [{ var: 'approved' }] }, { approved: true })).toBe(false);
    // The second branch would divide by zero: it is never evaluated.
    expect(run({ or: [true, { '>': [{ '/': [1, 0] }, 1] }] })).toBe(true);
    expect(run({ if: [{ var: 'approved' }, 'yes', 'no'] }, {})).toBe('no');
    expect(run({ if: [{ '>': [{ var: 'amount' }, 1000] }, 'large', { '>': [{ var: 'amount' }, 100] }, 'medium', 'small'] }, { amount: '500' })).toBe('medium');
    expect(run({ if: [false, 1] })).toBe(null);
  });

  it('== and != compare by value; an empty field equals only null', () => {
    expect(run({ '==': [{ var: 'reason' }, null] }, {})).toBe(true);
    expect(run({ '!=': [{ var: 'quantity' }, 5] }, {})).toBe(true);
    expect(run({ '==': [{ var: 'customer' }, 'c1'] }, { customer: 'c1' })).toBe(true);
    expect(run({ '==': [{ var: 'tags' }, ['rush', 'vip']] }, { tags: ['rush', 'vip'] })).toBe(true);
  });

  it('a comparison with an empty field is false in both directions', () => {
    expect(run({ '>': [{ var: 'amount' }, 0] }, {})).toBe(false);
    expect(run({ '<=': [{ var: 'amount' }, 0] }, {})).toBe(false);
  });

  it('between is inclusive and in tests membership or text', () => {
    expect(run({ between: [{ var: 'discount_pct' }, 5, 10] }, { discount_pct: '10.00' })).toBe(true);
    expect(run({ between: [{ var: 'discount_pct' }, 5, 10] }, { discount_pct: '10.01' })).toBe(false);
    expect(run({ between: [{ var: 'order_date' }, '2024-01-01', '2024-12-31'] }, { order_date: '2024-06-30' })).toBe(true);
    expect(run({ in: [{ var: 'quantity' }, [1, 2, 3]] }, { quantity: 2 })).toBe(true);
    expect(run({ in: ['vip', { var: 'tags' }] }, { tags: ['vip'] })).toBe(true);
    expect(run({ in: ['2024', { var: 'order_no' }] }, { order_no: 'SO-2024-1' })).toBe(true);
    expect(run({ in: ['x', { var: 'tags' }] }, {})).toBe(false);
  });

  it('a validation rule reads the way an administrator writes it', () => {
    // "A discount above 10 % needs a reason."
    const rule = { or: [{ '<=': [{ coalesce: [{ var: 'discount_pct' }, 0] }, 10] }, { '!': { is_empty: { var: 'reason' } } }] };
    const scope = scopeFor();
    expect(evaluateCondition(rule, { scope, record: { discount_pct: '12.5' } })).toBe(false);
    expect(evaluateCondition(rule, { scope, record: { discount_pct: '12.5', reason: '  ' } })).toBe(false);
    expect(evaluateCondition(rule, { scope, record: { discount_pct: '12.5', reason: 'key account' } })).toBe(true);
    expect(evaluateCondition(rule, { scope, record: { discount_pct: '9.99' } })).toBe(true);
    expect(evaluateCondition(rule, { scope, record: {} })).toBe(true);
  });
});

describe('null handling', () => {
  it('coalesce gives the first value that is not empty and evaluates no further', () => {
    expect(run({ coalesce: [{ var: 'reason' }, { var: 'order_no' }, 'none'] }, { order_no: 'A' })).toBe('A');
    expect(run({ coalesce: [{ var: 'reason' }, null] }, {})).toBe(null);
    expect(run({ coalesce: [1, { '/': [1, 0] }] })).toBe('1');
  });

  it('is_empty: null, blank text and empty lists', () => {
    expect(run({ is_empty: { var: 'reason' } }, {})).toBe(true);
    expect(run({ is_empty: { var: 'reason' } }, { reason: ' \n ' })).toBe(true);
    expect(run({ is_empty: { var: 'tags' } }, { tags: [] })).toBe(true);
    expect(run({ is_empty: { var: 'quantity' } }, { quantity: 0 })).toBe(false);
    expect(run({ is_empty: { var: 'approved' } }, { approved: false })).toBe(false);
  });

  it('var takes a default for an empty value', () => {
    expect(run({ var: ['quantity', 1] }, {})).toBe('1');
    expect(run({ var: ['quantity', 1] }, { quantity: 3 })).toBe('3');
  });
});
