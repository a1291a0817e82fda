import { sql, type Kysely } from 'kysely';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { recordTable } from './record-table.js';

/**
 * Refuses writes that point at records which do not exist (or are deleted).
 * `pending` holds ids being created in the same request, which count as existing.
 */
export async function assertReferencesExist(
  db: Kysely<unknown>,
  registry: DefinitionRegistry,
  model: EntityModel,
  items: { data: Record<string, unknown>; pathPrefix: string }[],
  pending: ReadonlySet<string> = new Set(),
): Promise<void> {
  const wanted = new Map<string, Map<string, string[]>>(); // target entity → id → paths
  for (const field of model.fields.values()) {
    if (!field.ref || (field.type !== 'reference' && field.type !== 'references')) continue;
    for (const { data, pathPrefix } of items) {
      const value = data[field.name];
      const ids = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
      ids.forEach((id, i) => {
        if (field.ref === model.name && pending.has(id)) return;
        const byId = wanted.get(field.ref!) ?? new Map<string, string[]>();
        wanted.set(field.ref!, byId);
        const path = `${pathPrefix}/${field.name}${typeof value === 'string' ? '' : `/${i}`}`;
        byId.set(id, [...(byId.get(id) ?? []), path]);
      });
    }
  }
  const problems: FieldError[] = [];
  for (const [target, byId] of wanted) {
    if (!registry.has(target)) continue;
    const ids = [...byId.keys()];
    const { rows } = await sql<{ id: string }>`
      select id from ${recordTable(target)} where id = any(${ids}::uuid[]) and deleted_at is null`.execute(db);
    const found = new Set(rows.map((row) => row.id));
    for (const [id, paths] of byId) {
      if (found.has(id)) continue;
      for (const path of paths) problems.push({ path, keyword: 'x-crm-ref', message: `no ${target} record with id ${id}` });
    }
  }
  if (problems.length) throw new CrmError('CRM_ERR_REFERENCE_NOT_FOUND', { fields: problems });
}
