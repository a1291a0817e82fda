import { describe, expect, it } from 'vitest';
import type { Customer, OrderRecord } from '../types/index.js';

// The test command runs gen:types, then type-checks this file: the assignments below only compile
// if the generated types follow the schemas (a choice is a union, a decimal a string, lines typed).
const customer: Customer = { name: '华东电力设备有限公司', customer_type: 'enterprise', region: 'east_china', annual_revenue: '1250000.00' };

// @ts-expect-error an unknown choice value is not a customer_type
const badChoice: Customer = { name: 'x', customer_type: 'robot' };

// @ts-expect-error decimals travel as strings, never as numbers
const badDecimal: Customer = { name: 'x', customer_type: 'individual', annual_revenue: 12.5 };

const order: Pick<OrderRecord, 'id' | 'version' | 'lines'> = {
  id: '0190a7a0-0000-7000-8000-000000000000',
  version: 1,
  lines: [{ product: '0190a7a0-0000-7000-8000-000000000001', quantity: '2.00', unit_price: '10.00', amount: '20.00' }],
};

describe('generated TypeScript types', () => {
  it('describe records the way the API returns them', () => {
    expect(customer.customer_type).toBe('enterprise');
    expect(order.lines?.[0]?.amount).toBe('20.00');
    expect([badChoice, badDecimal]).toHaveLength(2);
  });
});
