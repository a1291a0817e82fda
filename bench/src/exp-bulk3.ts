import { customerRecord } from './dataset.js';
import { Random } from './prng.js';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
const url = 'postgres://postgres@127.0.0.1:5432/crm_bench';
const r = new Random(97);
const client = new pg.Client({ connectionString: url }); await client.connect();
const { rows: [{ max }] } = await client.query("select id as max from crm_records.customer order by id desc limit 1");
const time = async (label: string, f: () => Promise<unknown>) => { const t = performance.now(); await f(); console.log(label, (performance.now() - t).toFixed(1), 'ms'); };
await client.query('create temp table t_audit (like crm_audit_entry including all)');
await client.query('create temp table t_audit_noix (like crm_audit_entry including defaults)');
await client.query('create temp table t_cust (like crm_records.customer including all)');
for (let round = 0; round < 3; round++) {
  const records = Array.from({ length: 5000 }, (_, i) => customerRecord(r, 800000 + round * 5000 + i));
  const payload = JSON.stringify(records.map((data) => ({ id: uuidv7(), data, owner_id: null })));
  const ids = records.map(() => uuidv7());
  await client.query('begin');
  await time('cte insert + audit from data (real tables)', () => client.query(`with ins as (insert into crm_records.customer (id, def_version, data, owner_id)
    select x.id, 2, x.data, x.owner_id from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb, owner_id uuid) returning id, data, version),
    a as (insert into crm_audit_entry (id, action, entity, record_id, changes, context)
      select a.aid, 'create', 'customer', ins.id,
        coalesce((select jsonb_object_agg(e.key, jsonb_build_object('before', null, 'after', e.value)) from jsonb_each(ins.data) e), '{}'),
        jsonb_build_object('version', ins.version, 'definitionVersion', 2)
      from ins join unnest((select array_agg(id order by id) from ins), $2::uuid[]) as a(rid, aid) on a.rid = ins.id)
    select count(*) from ins`, [payload, ids]));
  await client.query('rollback');
  await client.query('begin');
  await time('insert customers only (real)', () => client.query(`insert into crm_records.customer (id, def_version, data, owner_id)
    select x.id, 2, x.data, x.owner_id from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb, owner_id uuid) returning id, data, version`, [payload]));
  await client.query('rollback');
  await time('temp audit from data, with idx', () => client.query(`insert into t_audit (id, action, entity, record_id, changes, context)
      select gen_random_uuid(), 'create', 'customer', x.id,
        coalesce((select jsonb_object_agg(e.key, jsonb_build_object('before', null, 'after', e.value)) from jsonb_each(x.data) e), '{}'), '{}'
      from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb)`, [payload]));
  await time('temp audit from data, no idx', () => client.query(`insert into t_audit_noix (id, action, entity, record_id, changes, context)
      select gen_random_uuid(), 'create', 'customer', x.id,
        coalesce((select jsonb_object_agg(e.key, jsonb_build_object('before', null, 'after', e.value)) from jsonb_each(x.data) e), '{}'), '{}'
      from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb)`, [payload]));
  await time('temp audit data as is, no idx', () => client.query(`insert into t_audit_noix (id, action, entity, record_id, changes, context)
      select gen_random_uuid(), 'create', 'customer', x.id, x.data, '{}'
      from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb)`, [payload]));
  await time('temp customer all idx', () => client.query(`insert into t_cust (id, def_version, data, owner_id)
    select x.id, 2, x.data, x.owner_id from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb, owner_id uuid)`, [payload]));
}
await client.query("delete from crm_records.customer where id > $1", [max]);
await client.end();
