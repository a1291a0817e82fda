import { createCore } from '@crm/core';
import { customerRecord } from './dataset.js';
import { Random } from './prng.js';
import pg from 'pg';
const url = 'postgres://postgres@127.0.0.1:5432/crm_bench';
const core = await createCore({ databaseUrl: url });
const actor = { userId: null, departmentId: null, requestId: null, locale: 'en' as const };
const r = new Random(99);
const client = new pg.Client({ connectionString: url }); await client.connect();
const { rows: [{ max }] } = await client.query("select id as max from crm_records.customer order by id desc limit 1");
for (let round = 0; round < 3; round++) {
  const records = Array.from({ length: 5000 }, (_, i) => customerRecord(r, 900000 + round * 5000 + i));
  let t = performance.now();
  const model = core.registry.get('customer');
  const v = core.validators.validatorFor(model);
  const copies = records.map((x) => structuredClone(x));
  for (const c of copies) if (!v(c)) throw new Error('invalid');
  const tValidate = performance.now() - t;
  t = performance.now();
  await core.records.createMany('customer', records, actor);
  const tAll = performance.now() - t;
  console.log(`round ${round}: validate-only ${tValidate.toFixed(1)} ms, createMany ${tAll.toFixed(1)} ms`);
}
await client.query("delete from crm_records.customer where id > $1", [max]);
await client.end();
await core.close();
