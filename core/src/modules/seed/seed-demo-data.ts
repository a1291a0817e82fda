import type { Core } from '../../core.js';
import { generateDemoData } from './demo-data.js';

/** Loads the demo dataset through the records service, once: a database with customers is left alone. */
export async function seedDemoData(core: Core): Promise<number> {
  const existing = await core.records.list('customer', { limit: 1 });
  if (existing.data.length > 0) return 0;
  const actor = { userId: null, departmentId: null, locale: 'en' as const, requestId: 'seed-demo-data' };
  let count = 0;
  for (const { entity, records } of generateDemoData()) {
    for (let i = 0; i < records.length; i += 1000) {
      const created = await core.records.createMany(entity, records.slice(i, i + 1000), actor);
      count += created.length;
    }
  }
  return count;
}
