import { describe, expect, it } from 'vitest';
import { CrmError } from '../../../errors/crm-error.js';
import { decodeCursor, encodeCursor } from '../record-cursor.js';
import { afterCursorSql, orderBySql, parseSort, sortSignature } from '../record-sort.js';
import { compile, customerModel } from './compile-sql.js';

const model = customerModel();

describe('sort and keyset cursors', () => {
  it('appends id so that every order is total, in the direction of the last key', () => {
    const keys = parseSort(model, '-annual_revenue,name');
    expect(sortSignature(keys)).toBe('-annual_revenue,name,id');
    expect(compile(orderBySql(keys)).sql).toBe(`((data ->> 'annual_revenue')::numeric) desc, (data ->> 'name') asc, "id" asc`);
  });

  it('defaults to newest first', () => {
    expect(sortSignature(parseSort(model, undefined))).toBe('-created_at,-id');
  });

  it('refuses sorting by list fields and unknown fields', () => {
    expect(() => parseSort(model, 'tags')).toThrow(CrmError);
    expect(() => parseSort(model, 'name;drop table x')).toThrow(CrmError);
  });

  it('treats a missing value as larger than any value when paging past it', () => {
    const keys = parseSort(model, 'city');
    const { sql } = compile(afterCursorSql(keys, [null, '0190a7a0-0000-7000-8000-000000000000']));
    // After a null city (ascending, nulls last) only rows with null city and a larger id follow.
    expect(sql).toBe(`((data ->> 'city') is null and "id" > cast($1 as uuid))`);
  });

  it('round-trips cursors and refuses one made for another sort', () => {
    const cursor = encodeCursor('name,id', ['Ann', 'x']);
    expect(decodeCursor(cursor, 'name,id', 2)).toEqual(['Ann', 'x']);
    expect(() => decodeCursor(cursor, '-name,id', 2)).toThrow(CrmError);
    expect(() => decodeCursor('not base64 json', 'name,id', 2)).toThrow(CrmError);
  });
});
