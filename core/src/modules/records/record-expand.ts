import { sql, type Kysely } from 'kysely';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { toApiRecord } from './record-mapper.js';
import { recordTable } from './record-table.js';
import type { ApiRecord, RecordActor, RecordRow } from './record-types.js';
import { readPermission, scopeSql, visibleModel } from './record-access.js';

/** Replaces reference ids by the referenced records (one query per expanded field). */
export async function expandReferences(
  db: Kysely<unknown>,
  registry: DefinitionRegistry,
  model: EntityModel,
  records: ApiRecord[],
  fieldNames: string[],
  actor: RecordActor,
): Promise<void> {
  for (const name of fieldNames) {
    const field = model.fields.get(name)!;
    const stored = registry.find(field.ref!);
    const permission = stored ? readPermission(actor, stored) : undefined;
    // Without read access to the target the ids stay ids: expansion never widens what one may see.
    if (!stored || !permission) continue;
    const target = visibleModel(stored, permission);
    const scope = scopeSql(actor, permission);
    const ids = new Set<string>();
    for (const record of records) {
      const value = record[name];
      if (typeof value === 'string') ids.add(value);
      else if (Array.isArray(value)) value.forEach((id) => ids.add(String(id)));
    }
    if (ids.size === 0) continue;
    const { rows } = await sql<RecordRow>`
      select id, version, def_version, data, owner_id, department_id, created_by, updated_by, created_at, updated_at, deleted_at
      from ${recordTable(target.name)} where id = any(${[...ids]}::uuid[]) and deleted_at is null ${scope ? sql`and ${scope}` : sql``}`.execute(db);
    const byId = new Map(rows.map((row) => [row.id, toApiRecord(target, row)]));
    for (const record of records) {
      const value = record[name];
      if (typeof value === 'string') record[name] = byId.get(value) ?? value;
      else if (Array.isArray(value)) record[name] = value.map((id) => byId.get(String(id)) ?? id);
    }
  }
}
