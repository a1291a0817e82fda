import { writeFileSync } from 'node:fs';
import { customerRecord } from './dataset.js';
import { Random } from './prng.js';
import { v7 as uuidv7 } from 'uuid';
const r = new Random(5);
const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
for (let f = 0; f < 4; f++) {
  const lines: string[] = []; const audit: string[] = []; const recs: unknown[] = [];
  for (let i = 0; i < 5000; i++) {
    const id = uuidv7(); const data = customerRecord(r, 3_000_000 + f * 5000 + i);
    lines.push(`${id}\t2\t${esc(JSON.stringify(data))}`);
    audit.push(`${uuidv7()}\tcreate\tcustomer\t${id}\t${esc(JSON.stringify(data))}`);
    recs.push({ id, data, owner_id: null, audit_id: uuidv7() });
  }
  writeFileSync(`/tmp/exp/cust${f}.tsv`, lines.join('\n') + '\n');
  writeFileSync(`/tmp/exp/audit${f}.tsv`, audit.join('\n') + '\n');
  writeFileSync(`/tmp/exp/payload${f}.json`, JSON.stringify(recs));
}
