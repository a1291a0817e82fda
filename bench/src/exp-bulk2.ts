import { customerRecord } from './dataset.js';
import { Random } from './prng.js';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
const url = 'postgres://postgres@127.0.0.1:5432/crm_bench';
const r = new Random(98);
const client = new pg.Client({ connectionString: url }); await client.connect();
const { rows: [{ max }] } = await client.query("select id as max from crm_records.customer order by id desc limit 1");
const COLS = 'id, version, def_version, data, owner_id, department_id, created_by, updated_by, created_at, updated_at, deleted_at';
const time = async (label: string, f: () => Promise<unknown>) => { const t = performance.now(); await f(); console.log(label, (performance.now() - t).toFixed(1), 'ms'); };
for (let round = 0; round < 3; round++) {
  const records = Array.from({ length: 5000 }, (_, i) => customerRecord(r, 800000 + round * 5000 + i));
  const payload = records.map((data) => ({ id: uuidv7(), data, owner_id: null }));
  let text = '';
  await time('stringify', async () => { text = JSON.stringify(payload); });
  await client.query('begin');
  await time('insert returning', () => client.query(`insert into crm_records.customer (id, def_version, data, owner_id, department_id, created_by, updated_by)
    select x.id, 2, x.data, x.owner_id, coalesce((select u.department_id from crm_user u where u.id = x.owner_id), null::uuid), null, null
    from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb, owner_id uuid) returning ${COLS}`, [text]));
  const audit = payload.map((p) => ({ id: uuidv7(), actor_id: null, request_id: null, action: 'create', entity: 'customer', record_id: p.id,
    changes: Object.fromEntries(Object.entries(p.data).map(([k, v]) => [k, { before: null, after: v }])), context: { version: 1, definitionVersion: 2 } }));
  let atext = '';
  await time('audit stringify', async () => { atext = JSON.stringify(audit); });
  await time('audit insert', () => client.query(`insert into crm_audit_entry (id, actor_id, request_id, action, entity, record_id, changes, context)
    select id, actor_id, request_id, action, entity, record_id, changes, context
    from jsonb_to_recordset($1::jsonb) as x(id uuid, actor_id uuid, request_id varchar, action varchar, entity varchar, record_id uuid, changes jsonb, context jsonb)`, [atext]));
  await time('commit', () => client.query('commit'));
}
await client.query('begin');
const records = Array.from({ length: 5000 }, (_, i) => customerRecord(r, 700000 + i));
const payload = JSON.stringify(records.map((data) => ({ id: uuidv7(), data, owner_id: null })));
await client.query('create temp table t_nox (like crm_records.customer including defaults)');
await client.query('alter table t_nox add primary key (id)');
await time('insert into table with pk only', () => client.query(`insert into t_nox (id, def_version, data, owner_id) select x.id, 2, x.data, x.owner_id from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb, owner_id uuid)`, [payload]));
await time('parse only', () => client.query(`select count(*) from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb, owner_id uuid)`, [payload]));
await client.query('rollback');
await client.query("delete from crm_records.customer where id > $1", [max]);
await client.end();
