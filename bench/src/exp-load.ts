import { createCore } from '@crm/core';
import { customerRecord } from './dataset.js';
import { Random } from './prng.js';
import pg from 'pg';
const url = 'postgres://postgres@127.0.0.1:5432/crm_bench';
const core = await createCore({ databaseUrl: url });
const actor = { userId: null, departmentId: null, requestId: null, locale: 'en' as const };
const client = new pg.Client({ connectionString: url }); await client.connect();
const { rows: [{ max }] } = await client.query("select id as max from crm_records.customer order by id desc limit 1");
const total = Number(process.env.ROWS ?? 100000);
function* batches() { for (let b = 0; b < total / 5000; b++) { const r = new Random(500 + b); yield Array.from({ length: 5000 }, (_, i) => customerRecord(r, 2_000_000 + b * 5000 + i)); } }
const t = performance.now();
const res = await core.records.bulkLoad('customer', batches(), actor, { deferIndexes: process.env.DEFER === '1', concurrency: Number(process.env.CONC ?? 2) });
console.log(JSON.stringify(res), Math.round(total / ((performance.now() - t) / 1000)), 'rows/s overall');
await client.query("delete from crm_records.customer where id > $1", [max]);
await client.end();
await core.close();
