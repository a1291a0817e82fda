import { customerRecord } from './dataset.js';
import { Random } from './prng.js';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
const url = 'postgres://postgres@127.0.0.1:5432/crm_bench';
const r = new Random(96);
const client = new pg.Client({ connectionString: url }); await client.connect();
const time = async (label: string, f: () => Promise<unknown>) => { const t = performance.now(); await f(); console.log(label, (performance.now() - t).toFixed(1), 'ms'); };
await client.query('drop table if exists x_cust, x_audit');
await client.query('create table x_cust (like crm_records.customer including defaults)');
await client.query('alter table x_cust add primary key (id)');
await client.query('create index on x_cust (created_at, id) where deleted_at is null');
await client.query('create index on x_cust (owner_id) where deleted_at is null');
await client.query('create table x_audit (like crm_audit_entry including all)');
await client.query('insert into x_cust select * from crm_records.customer');
for (let round = 0; round < 4; round++) {
  const records = Array.from({ length: 5000 }, (_, i) => customerRecord(r, 800000 + round * 5000 + i));
  const payload = JSON.stringify(records.map((data) => ({ id: uuidv7(), data, owner_id: null })));
  const ids = records.map(() => uuidv7());
  await client.query('begin');
  await time('x: insert only', () => client.query(`insert into x_cust (id, def_version, data, owner_id)
    select x.id, 2, x.data, x.owner_id from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb, owner_id uuid) returning id, version, created_at`, [payload]));
  await client.query('rollback');
  await client.query('begin');
  await time('x: cte insert + compact audit', () => client.query(`with ins as (insert into x_cust (id, def_version, data, owner_id)
    select x.id, 2, x.data, x.owner_id from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb, owner_id uuid) returning id, data, version, created_at),
    a as (insert into x_audit (id, action, entity, record_id, changes, context)
      select ($2::uuid[])[row_number() over ()], 'create', 'customer', ins.id, ins.data, '{}' from ins)
    select id, version, created_at from ins`, [payload, ids]));
  await time('x: commit', () => client.query('commit'));
}
await client.query('drop table if exists x_cust, x_audit');
await client.end();
