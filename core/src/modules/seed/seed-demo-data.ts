import type { Core } from '../../core.js';
import { generateDemoData } from './demo-data.js';
import { demoOwners, seedDemoOrganisation, type DemoUser } from './demo-organisation.js';

export interface DemoSeed {
  records: number;
  users: DemoUser[];
}

/**
 * Loads the demo organisation and dataset through the services, once: a database that already
 * has users or customers is left alone. Records are dealt out to the sales users as owners.
 */
export async function seedDemoData(core: Core): Promise<DemoSeed | undefined> {
  const existing = await core.records.list('customer', { limit: 1 });
  if (existing.data.length > 0 || (await core.organisation.listUsers()).length > 0) return undefined;
  const users = await seedDemoOrganisation(core.organisation);
  const owners = await demoOwners(core.organisation);
  const actor = { userId: null, departmentId: null, locale: 'en' as const, requestId: 'seed-demo-data' };
  let count = 0;
  for (const { entity, records } of generateDemoData()) {
    const owned = records.map((record, i) => ({ ...record, owner_id: owners[i % owners.length] }));
    for (let i = 0; i < owned.length; i += 1000) {
      count += (await core.records.createMany(entity, owned.slice(i, i + 1000), actor)).length;
    }
  }
  return { records: count, users };
}
