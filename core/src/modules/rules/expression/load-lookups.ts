// Server only: reads the records an expression looks up, so that evaluation stays synchronous.
// Not exported from the pure `@crm/core/expression` entry (it needs the database).
import { sql, type Kysely } from 'kysely';
import { CrmError } from '../../../errors/crm-error.js';
import type { DefinitionRegistry } from '../../metadata/definition-registry.js';
import type { EntityModel } from '../../metadata/entity-model.js';
import { recordTable } from '../../records/record-table.js';
import type { RecordRow } from '../../records/record-types.js';
import type { Lookup } from './expression-checker.js';
import type { LookupRecords } from './expression-evaluator.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function flatten(values: unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

function own(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The ids stored at `path`, walking lists (lines) and the records loaded by earlier hops. */
function idsAt(records: readonly unknown[], path: string, hops: ReadonlySet<string>, loaded: Map<string, Record<string, unknown> | null>): Set<string> {
  let current: unknown[] = [...records];
  let prefix = '';
  for (const segment of path.split('.')) {
    if (hops.has(prefix)) current = current.map((id) => (typeof id === 'string' ? loaded.get(id) : undefined));
    current = flatten(current.map((value) => own(value, segment)));
    prefix = prefix ? `${prefix}.${segment}` : segment;
  }
  return new Set(current.filter((id): id is string => typeof id === 'string'));
}

/** Hop number: 1 for a reference of the record (or of its lines), 2 for one read through it, … */
function hopDepth(path: string, hops: ReadonlySet<string>): number {
  return 1 + [...hops].filter((other) => path.startsWith(`${other}.`)).length;
}

/** A stored row as expressions read it: its data plus the system fields. */
function asLookupRecord(row: RecordRow): Record<string, unknown> {
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    ...row.data,
    id: row.id,
    version: row.version,
    owner_id: row.owner_id,
    department_id: row.department_id,
    created_by: row.created_by,
    updated_by: row.updated_by,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/**
 * Loads the referenced records that `lookups` (from checkExpression) name, for a batch of
 * records of `model`: one query per hop and entity, however many records there are. The result
 * maps every id met to its record, or to null when it does not exist or is deleted. It reads as
 * the system: the caller decides whether the user may see what a rule computes.
 */
export async function loadLookups(
  db: Kysely<unknown>,
  registry: DefinitionRegistry,
  model: EntityModel,
  records: readonly Record<string, unknown>[],
  lookups: readonly Lookup[],
): Promise<LookupRecords> {
  for (const lookup of lookups) {
    const field = lookup.path.split('.')[0]!;
    if (!model.fields.has(field)) throw new CrmError('CRM_ERR_UNKNOWN_FIELD', { params: { entity: model.name, field } });
  }
  const loaded = new Map<string, Record<string, unknown> | null>();
  const hops = new Set(lookups.map((lookup) => lookup.path));
  const byDepth = new Map<number, Map<string, Lookup[]>>();
  for (const lookup of lookups) {
    const depth = hopDepth(lookup.path, hops);
    const entities = byDepth.get(depth) ?? new Map<string, Lookup[]>();
    entities.set(lookup.entity, [...(entities.get(lookup.entity) ?? []), lookup]);
    byDepth.set(depth, entities);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    for (const [entity, group] of byDepth.get(depth)!) {
      const ids = new Set<string>();
      for (const lookup of group) for (const id of idsAt(records, lookup.path, hops, loaded)) if (!loaded.has(id)) ids.add(id);
      const wanted = [...ids].filter((id) => UUID.test(id));
      for (const id of ids) loaded.set(id, null);
      if (wanted.length === 0 || !registry.has(entity)) continue;
      const { rows } = await sql<RecordRow>`
        select id, version, def_version, data, owner_id, department_id, created_by, updated_by, created_at, updated_at, deleted_at
        from ${recordTable(entity)} where id = any(${wanted}::uuid[]) and deleted_at is null`.execute(db);
      for (const row of rows) loaded.set(row.id, asLookupRecord(row));
    }
  }
  return loaded;
}
