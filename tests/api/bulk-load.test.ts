import { CrmError, type RecordActor } from '@crm/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCount, startHarness, type Harness } from './support/api.js';

/** records.bulkLoad: many batches through createMany, with the field indexes built once at the end of a large load. */
let h: Harness;
const actor: RecordActor = { userId: null, departmentId: null, locale: 'en', requestId: 'bulk-load-test' };

const product = (i: number) => ({ sku: `B-${i}`, name: `Bulk ${i}`, category: 'other', unit_price: `${i}.00` });
function* batches(count: number, size: number, bad?: { batch: number; row: number }) {
  for (let b = 0; b < count; b++) {
    yield Array.from({ length: size }, (_, i) => (bad && b === bad.batch && i === bad.row ? { ...product(b * size + i), unit_price: 'free' } : product(b * size + i)));
  }
}

async function indexStates(): Promise<{ field: string; status: string; valid: boolean | null }[]> {
  const { rows } = await sql<{ field: string; status: string; valid: boolean | null }>`
    select r.field, r.status, i.indisvalid as valid from crm_record_index r
    left join pg_class c on c.relname = r.index_name left join pg_index i on i.indexrelid = c.oid
    where r.entity = 'product' order by r.field`.execute(h.db);
  return rows;
}

beforeAll(async () => {
  h = await startHarness();
  await h.t.core.indexes.idle();
});
afterAll(async () => {
  await h.t.close();
});

describe('bulk load', () => {
  it('loads every batch, audited, and builds the deferred field indexes again at the end', async () => {
    const before = await indexStates();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((row) => row.status === 'ready' && row.valid)).toBe(true);
    const committed: number[] = [];
    const result = await h.t.core.records.bulkLoad('product', batches(4, 50), actor, {
      deferIndexes: true,
      onBatch: (index, records) => {
        committed.push(index);
        expect(records).toHaveLength(50);
      },
    });
    expect(result).toMatchObject({ rows: 200, batches: 4 });
    expect(result.deferredIndexes.sort()).toEqual(before.map((row) => row.field));
    expect(committed).toEqual([0, 1, 2, 3]);
    expect(await rowCount(h.db, 'product')).toBe(200);
    expect(await indexStates()).toEqual(before);
    const { rows } = await sql<{ n: string }>`select count(*) as n from crm_audit_entry where request_id = 'bulk-load-test' and action = 'create'`.execute(h.db);
    expect(Number(rows[0]!.n)).toBe(200);
  });

  it('stops at a refused batch: the batches before it stay, the error names the record, the indexes come back', async () => {
    const before = await rowCount(h.db, 'product');
    const committed: number[] = [];
    const failure = await h.t.core.records
      .bulkLoad('product', batches(5, 20, { batch: 2, row: 3 }), actor, { deferIndexes: true, concurrency: 1, onBatch: (index) => void committed.push(index) })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CrmError);
    expect((failure as CrmError).fields.map((f) => f.path)).toEqual(['/batches/2/records/3/unit_price']);
    expect(committed).toEqual([0, 1]);
    expect(await rowCount(h.db, 'product')).toBe(before + 40);
    expect((await indexStates()).every((row) => row.status === 'ready' && row.valid)).toBe(true);
  });

  it('reports every batch that committed, even one written beside the batch that failed', async () => {
    const before = await rowCount(h.db, 'product');
    const committed: number[] = [];
    const failure = await h.t.core.records
      .bulkLoad('product', batches(6, 20, { batch: 2, row: 0 }), actor, { concurrency: 2, onBatch: (index) => void committed.push(index) })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CrmError);
    expect(committed).not.toContain(2);
    expect(committed).toEqual([...committed].sort((a, b) => a - b));
    expect(await rowCount(h.db, 'product')).toBe(before + committed.length * 20);
  });

  it('keeps the indexes for a load smaller than the table or than the deferral threshold', async () => {
    const result = await h.t.core.records.bulkLoad('product', batches(1, 10), actor, { expectedRows: 10 });
    expect(result.deferredIndexes).toEqual([]);
    expect(result.indexSeconds).toBe(0);
  });
});
