import { describe, expect, it } from 'vitest';
import { CrmError } from '../../../errors/crm-error.js';
import { buildFilterSql } from '../record-filter.js';
import { compile, customerModel } from './compile-sql.js';

const model = customerModel();
const filterSql = (filter: unknown) => compile(buildFilterSql(model, filter)!);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof CrmError ? error.code : 'not a CrmError';
  }
  return 'no error';
};

describe('filter language → SQL', () => {
  it('binds values as parameters and writes field keys as the literals the indexes use', () => {
    const { sql, parameters } = filterSql({ name: { _eq: "x'; drop table crm_records.customer; --" } });
    expect(sql).toBe(`((data ->> 'name') = cast($1 as text))`);
    expect(parameters).toEqual(["x'; drop table crm_records.customer; --"]);
  });

  it('ands sibling conditions and nests _or / _and groups', () => {
    const { sql, parameters } = filterSql({ name: { _starts_with: 'A' }, _or: [{ city: { _eq: 'Shanghai' } }, { city: { _empty: true } }] });
    expect(sql).toContain(' and (');
    expect(sql).toContain(' or ');
    expect(parameters).toEqual(['A%', 'Shanghai']);
  });

  it('escapes LIKE wildcards in _contains', () => {
    expect(filterSql({ name: { _contains: '50%_off' } }).parameters).toEqual(['%50\\%\\_off%']);
  });

  it('compares numeric fields as numbers', () => {
    const { sql } = filterSql({ annual_revenue: { _between: ['100', 2000] } });
    expect(sql).toBe(`(((data ->> 'annual_revenue')::numeric) between cast($1 as numeric) and cast($2 as numeric))`);
  });

  it('treats a missing value as "not equal" in _neq and _nin', () => {
    expect(filterSql({ city: { _neq: 'Beijing' } }).sql).toContain('is null');
    expect(filterSql({ city: { _nin: ['Beijing'] } }).sql).toContain('is null');
  });

  it('refuses unknown fields, operators and ill-typed values with stable codes', () => {
    expect(codeOf(() => buildFilterSql(model, { nope: { _eq: 1 } }))).toBe('CRM_ERR_UNKNOWN_FIELD');
    expect(codeOf(() => buildFilterSql(model, { name: { _regex: '.*' } }))).toBe('CRM_ERR_INVALID_FILTER');
    expect(codeOf(() => buildFilterSql(model, { annual_revenue: { _eq: '1; select 1' } }))).toBe('CRM_ERR_INVALID_FILTER');
    expect(codeOf(() => buildFilterSql(model, { id: { _eq: 'not-a-uuid' } }))).toBe('CRM_ERR_INVALID_FILTER');
    expect(codeOf(() => buildFilterSql(model, { name: 'bare value' }))).toBe('CRM_ERR_INVALID_FILTER');
    expect(codeOf(() => buildFilterSql(model, { _or: [] }))).toBe('CRM_ERR_INVALID_FILTER');
    expect(codeOf(() => buildFilterSql(model, { tags: { _lt: 'a' } }))).toBe('CRM_ERR_FIELD_NOT_FILTERABLE');
  });

  it('bounds nesting depth and the number of conditions', () => {
    let deep: unknown = { name: { _eq: 'a' } };
    for (let i = 0; i < 12; i++) deep = { _and: [deep] };
    expect(codeOf(() => buildFilterSql(model, deep))).toBe('CRM_ERR_INVALID_FILTER');
    const many = { _or: Array.from({ length: 150 }, (_, i) => ({ name: { _eq: `n${i}` } })) };
    expect(codeOf(() => buildFilterSql(model, many))).toBe('CRM_ERR_INVALID_FILTER');
  });
});
