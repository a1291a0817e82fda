import { describe, expect, it } from 'vitest';
import { errorCode, run, scopeFor } from './fixtures.js';
import { evaluateExpression } from '../index.js';

describe('date functions', () => {
  it('adds days and months; a month end is clamped', () => {
    expect(run({ add_days: [{ var: 'order_date' }, 30] }, { order_date: '2024-02-01' })).toBe('2024-03-02');
    expect(run({ add_days: [{ var: 'order_date' }, -1] }, { order_date: '2024-03-01' })).toBe('2024-02-29');
    expect(run({ add_months: [{ var: 'order_date' }, 1] }, { order_date: '2024-01-31' })).toBe('2024-02-29');
    expect(run({ add_months: [{ var: 'order_date' }, 12] }, { order_date: '2024-02-29' })).toBe('2025-02-28');
    expect(run({ add_days: [{ var: 'signed_at' }, 2] }, { signed_at: '2024-03-30T23:30:00+08:00' })).toBe('2024-04-01T15:30:00.000Z');
  });

  it('counts business days Monday to Friday', () => {
    // 2024-03-15 is a Friday.
    expect(run({ add_business_days: [{ var: 'order_date' }, 1] }, { order_date: '2024-03-15' })).toBe('2024-03-18');
    expect(run({ add_business_days: [{ var: 'order_date' }, 5] }, { order_date: '2024-03-15' })).toBe('2024-03-22');
    expect(run({ add_business_days: [{ var: 'order_date' }, -1] }, { order_date: '2024-03-18' })).toBe('2024-03-15');
    expect(run({ business_days_between: [{ var: 'order_date' }, { var: 'delivery_date' }] }, { order_date: '2024-03-15', delivery_date: '2024-03-18' })).toBe('1');
    expect(run({ business_days_between: ['2024-03-01', '2024-03-31'] })).toBe('20');
    expect(run({ business_days_between: ['2024-03-18', '2024-03-15'] })).toBe('-1');
    expect(run({ business_days_between: ['2024-03-16', '2024-03-17'] })).toBe('0');
    expect(run({ business_days_between: ['2024-03-16', '2024-03-18'] })).toBe('1');
    expect(run({ business_days_between: ['2023-12-29', '2025-01-03'] })).toBe('265');
    // It undoes add_business_days from any weekday.
    for (const start of ['2024-03-11', '2024-03-13', '2024-03-15']) {
      for (const n of [1, 4, 5, 9, 23]) {
        expect(run({ business_days_between: [start, { add_business_days: [start, n] }] })).toBe(String(n));
      }
    }
  });

  it('counts calendar days between dates, datetimes read in the time zone', () => {
    expect(run({ days_between: [{ var: 'order_date' }, { var: 'delivery_date' }] }, { order_date: '2024-02-01', delivery_date: '2024-03-01' })).toBe('29');
    const record = { signed_at: '2024-03-14T17:00:00Z' };
    expect(run({ days_between: [{ var: 'signed_at' }, { var: '$today' }] }, record)).toBe('1');
    // 17:00 UTC is already the 15th in Shanghai, and $today is the 15th there as well.
    expect(run({ days_between: [{ var: 'signed_at' }, { var: '$today' }] }, record, { timeZone: 'Asia/Shanghai' })).toBe('0');
  });

  it('takes month boundaries and parts', () => {
    const record = { order_date: '2024-02-10' };
    expect(run({ start_of_month: { var: 'order_date' } }, record)).toBe('2024-02-01');
    expect(run({ end_of_month: { var: 'order_date' } }, record)).toBe('2024-02-29');
    expect(run({ year: { var: 'order_date' } }, record)).toBe('2024');
    expect(run({ month: { var: 'order_date' } }, record)).toBe('2');
    expect(run({ day: { var: 'order_date' } }, record)).toBe('10');
    expect(run({ year: { var: 'order_date' } }, {})).toBe(null);
  });

  it('today and now come from the evaluation, $today in its time zone', () => {
    expect(run({ today: [] })).toBe('2024-03-15');
    expect(run({ now: [] })).toBe('2024-03-15T10:00:00.000Z');
    expect(run({ var: '$today' }, {}, { now: new Date('2024-03-15T20:00:00Z'), timeZone: 'Asia/Shanghai' })).toBe('2024-03-16');
    expect(run({ today: [] }, {}, { today: '2025-01-01' })).toBe('2025-01-01');
    expect(run({ date: { var: 'signed_at' } }, { signed_at: '2024-03-14T17:00:00Z' }, { timeZone: 'Asia/Shanghai' })).toBe('2024-03-15');
  });

  it('compares dates and datetimes by time, also against ISO literals', () => {
    expect(run({ '>': [{ var: 'delivery_date' }, { var: 'order_date' }] }, { order_date: '2024-12-31', delivery_date: '2025-01-01' })).toBe(true);
    expect(run({ '<': [{ var: 'order_date' }, '2024-03-01'] }, { order_date: '2024-02-29' })).toBe(true);
    // Lexically "…+08:00" sorts after "…Z"; by time it is 7 hours earlier.
    expect(run({ '<': [{ var: 'signed_at' }, '2024-03-01T02:00:00Z'] }, { signed_at: '2024-03-01T09:00:00+08:00' })).toBe(true);
    expect(run({ '==': [{ var: 'signed_at' }, '2024-03-01T01:00:00Z'] }, { signed_at: '2024-03-01T09:00:00+08:00' })).toBe(true);
  });

  it('refuses a fraction of days at run time', () => {
    expect(errorCode(() => evaluateExpression({ add_days: ['2024-01-01', { var: 'extra' }] }, { scope: scopeFor(), record: { extra: 1.5 } }))).toBe(
      'CRM_ERR_EXPRESSION_VALUE',
    );
  });
});
