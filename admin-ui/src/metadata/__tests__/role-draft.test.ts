import { describe, expect, it } from 'vitest';
import type { Role } from '../../api/org-api';
import { ALL_ENTITIES, roleDraft, roleProblems, toRole } from '../role-draft';

const role: Role = {
  name: 'sales_rep',
  label: { 'zh-CN': '销售代表', en: 'Sales rep', es: 'Representante' },
  permissions: {
    entities: {
      customer: { actions: ['create', 'read', 'update'], scope: 'own', fields: { credit_rating: 'readonly' } },
      order: { actions: ['read'], scope: 'department', limits: { discount_pct: { max: 10 } } },
    },
  },
};

describe('role drafts', () => {
  it('round-trips a role: every entity gets a row, rows without actions are left out again', () => {
    const draft = roleDraft(role, ['customer', 'order', 'product']);
    expect(Object.keys(draft.grants)).toEqual([ALL_ENTITIES, 'customer', 'order', 'product']);
    expect(draft.grants.order!.limits.discount_pct).toEqual({ min: '', max: '10' });
    expect(toRole(draft)).toEqual(role);
  });

  it('writes field rules, limits and the administrator flag; blank rules vanish', () => {
    const draft = roleDraft(undefined, ['customer']);
    draft.name = 'auditor_lite';
    draft.label = { 'zh-CN': '审计', en: 'Audit', es: 'Auditoría' };
    draft.grants.customer!.actions = ['read'];
    draft.grants.customer!.scope = 'all';
    draft.grants.customer!.fields = { annual_revenue: 'hidden', city: '' };
    draft.grants.customer!.limits = { annual_revenue: { min: ' ', max: '' } };
    expect(toRole(draft).permissions).toEqual({ entities: { customer: { actions: ['read'], scope: 'all', fields: { annual_revenue: 'hidden' } } } });
    draft.admin = true;
    expect(toRole(draft).permissions.admin).toBe(true);
  });

  it('names what the server would refuse', () => {
    const draft = roleDraft(undefined, ['order']);
    expect(roleProblems(draft)).toEqual(['name', 'labels']);
    draft.name = 'ok_name';
    draft.label = { 'zh-CN': 'a', en: 'b', es: 'c' };
    draft.grants.order!.limits = { discount_pct: { min: '', max: 'ten' } };
    expect(roleProblems(draft)).toEqual(['limit']);
  });
});
