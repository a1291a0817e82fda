import { describe, expect, it } from 'vitest';
import { T, evaluateCondition, evaluateExpression, toJsonValue } from '../index.js';
import { run, scopeFor } from './fixtures.js';

describe('$ roots at run time', () => {
  it('$before holds the stored values before an update, and is empty on create', () => {
    const raised = { '>': [{ var: 'amount' }, { var: '$before.amount' }] };
    expect(run(raised, { amount: '120.00' }, { before: { amount: '99.50' } })).toBe(true);
    expect(run(raised, { amount: '120.00' }, { before: null })).toBe(false);
    const changed = { '!=': [{ var: 'customer' }, { var: '$before.customer' }] };
    expect(run(changed, { customer: 'c2' }, { before: { customer: 'c1' } })).toBe(true);
  });

  it('$user is who acts: id, username, roles, department', () => {
    const user = { id: 'u1', username: 'li.na', roles: ['sales_rep'], department_id: 'd-east' };
    expect(run({ in: ['sales_rep', { var: '$user.roles' }] }, {}, { user })).toBe(true);
    expect(run({ '==': [{ var: 'owner_id' }, { var: '$user.id' }] }, { owner_id: 'u1' }, { user })).toBe(true);
    expect(run({ var: '$user.department_id' }, {}, { user: null })).toBe(null);
  });

  it('$now and $today come from the context', () => {
    expect(run({ var: '$now' }, {}, { now: new Date('2026-01-02T03:04:05Z') })).toBe('2026-01-02T03:04:05.000Z');
    expect(run({ '<': [{ var: 'signed_at' }, { var: '$now' }] }, { signed_at: '2026-01-01T00:00:00Z' }, { now: new Date('2026-01-02T00:00:00Z') })).toBe(true);
    expect(run({ add_days: [{ var: '$today' }, 7] }, {}, { today: '2026-12-28' })).toBe('2027-01-04');
  });

  it('roots a caller declares are typed and read from the context', () => {
    const scope = scopeFor('order', { roots: { $submitter: T.object({ id: T.text, approval_limit: T.decimal }), $step: T.object({ name: T.text, entered_at: T.datetime }) } });
    const route = { '>': [{ var: 'amount' }, { var: '$submitter.approval_limit' }] };
    const roots = { $submitter: { id: 'u9', approval_limit: '5000.00' }, $step: { name: 'manager', entered_at: '2026-03-01T08:00:00Z' } };
    expect(evaluateCondition(route, { scope, record: { amount: '5000.01' }, roots })).toBe(true);
    expect(evaluateCondition(route, { scope, record: { amount: '4999.99' }, roots })).toBe(false);
    const waited = { days_between: [{ var: '$step.entered_at' }, { var: '$now' }] };
    expect(toJsonValue(evaluateExpression(waited, { scope, record: {}, roots, now: new Date('2026-03-04T09:00:00Z') }))).toBe('3');
    expect(evaluateExpression({ var: '$submitter.id' }, { scope, record: {} })).toBe(null);
  });
});
