import { customerRecord } from './dataset.js';
import { Random } from './prng.js';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
const url = 'postgres://postgres@127.0.0.1:5432/crm_bench';
const r = new Random(96);
const client = new pg.Client({ connectionString: url }); await client.connect();
const time = async (label: string, f: () => Promise<unknown>) => { const t = performance.now(); await f(); console.log(label, (performance.now() - t).toFixed(1), 'ms'); };
for (let round = 0; round < 3; round++) {
  const records = Array.from({ length: 5000 }, (_, i) => customerRecord(r, 800000 + round * 5000 + i));
  const ids = records.map(() => uuidv7());
  let payload = '';
  await time('stringify recordset', async () => { payload = JSON.stringify(records.map((data, i) => ({ id: ids[i], data, owner_id: null }))); });
  await time('parse recordset', () => client.query(`select count(*) from jsonb_to_recordset($1::jsonb) as x(id uuid, data jsonb, owner_id uuid)`, [payload]));
  let texts: string[] = [];
  await time('stringify each', async () => { texts = records.map((d) => JSON.stringify(d)); });
  await time('parse unnest jsonb[]', () => client.query(`select count(*) from unnest($1::uuid[], $2::jsonb[]) as x(id, data)`, [ids, texts]));
  await time('parse unnest text[] ', () => client.query(`select count(x.d::jsonb) from unnest($1::uuid[], $2::text[]) as x(id, d)`, [ids, texts]));
  await time('parse jsonb array elements', () => client.query(`select count(*) from jsonb_array_elements($1::jsonb) e`, [JSON.stringify(records)]));
}
await client.end();
