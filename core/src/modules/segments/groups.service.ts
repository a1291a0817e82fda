import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Em, Orm } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import type { LocalizedText } from '../../i18n/locale.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import { requirePermission, scopeSql, visibleModel } from '../records/record-access.js';
import { buildFilterSql, groupIdsOf, isUuid, type FilterContext, type FilterGroup } from '../records/record-filter.js';
import { recordTable } from '../records/record-table.js';
import type { ListQuery, ListResult, RecordActor } from '../records/record-types.js';
import type { RecordsService } from '../records/records.service.js';

export interface GroupInput {
  entity?: string;
  name: string;
  label: LocalizedText;
  kind: 'static' | 'dynamic';
  filter?: unknown;
  members?: string[];
}

export interface GroupView {
  id: string;
  entity: string;
  name: string;
  label: LocalizedText;
  kind: 'static' | 'dynamic';
  filter: unknown;
  /** Static groups: how many members (dynamic ones: ask their members list with total=true). */
  memberCount?: number;
  createdAt: string;
  updatedAt: string;
}

interface GroupRow {
  id: string;
  entity: string;
  name: string;
  label: LocalizedText;
  kind: 'static' | 'dynamic';
  filter: unknown;
  created_at: Date | string;
  updated_at: Date | string;
  member_count?: string | number | null;
}

const MAX_RESOLVE = 10_000;
const MAX_MEMBERS_PER_CALL = 5000;

/**
 * Record groups (customer segments): static member lists and dynamic saved filters. A record may
 * be in any number of groups. Groups are usable everywhere the filter language is, through
 * `{"_in_group": id}`, and resolve to member ids for campaigns and notices.
 * Reading a group needs read on its entity; creating and changing one needs update on it.
 */
export class GroupsService {
  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    private readonly records: RecordsService,
  ) {}

  /** The groups a filter names (and those their own filters name), for the filter builder. */
  async filterContext(filter: unknown, em?: Em): Promise<FilterContext> {
    let wanted = groupIdsOf(filter);
    if (wanted.size === 0) return {};
    // Inside a caller's transaction, through it (the embedded database has one connection).
    const db = em ? (em.getKysely() as Kysely<unknown>) : this.db();
    const groups = new Map<string, FilterGroup>();
    for (let depth = 0; wanted.size > 0 && depth < 8; depth++) {
      const { rows } = await sql<GroupRow>`select id, entity, kind, filter from crm_group where id = any(${[...wanted]}::uuid[])`.execute(db);
      const next = new Set<string>();
      for (const row of rows) {
        const model = this.registry.find(row.entity);
        if (!model) continue;
        groups.set(row.id, { id: row.id, entity: row.entity, kind: row.kind, filter: row.filter, model });
        if (row.kind === 'dynamic') for (const id of groupIdsOf(row.filter)) if (!groups.has(id)) next.add(id);
      }
      wanted = next;
    }
    return { groups };
  }

  async list(entity: string | undefined, actor: RecordActor): Promise<GroupView[]> {
    const { rows } = await sql<GroupRow>`
      select g.*, case when g.kind = 'static' then (select count(*) from crm_group_member m where m.group_id = g.id) end as member_count
      from crm_group g ${entity ? sql`where g.entity = ${entity}` : sql``} order by g.entity, g.name`.execute(this.db());
    return rows.filter((row) => this.canRead(actor, row.entity)).map(toView);
  }

  async get(id: string, actor: RecordActor): Promise<GroupView> {
    const row = await this.row(id);
    requirePermission(actor, this.registry.get(row.entity), 'read');
    return toView(row);
  }

  async create(input: GroupInput, actor: RecordActor): Promise<GroupView> {
    const entity = input.entity ?? 'customer';
    const model = this.registry.get(entity);
    requirePermission(actor, model, 'update');
    const filter = input.kind === 'dynamic' ? await this.checkedFilter(entity, input.filter, actor) : null;
    if (input.kind === 'static' && input.filter !== undefined) throw badRequest('a static group has members, not a filter');
    const id = uuidv7();
    await this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<unknown>;
      await this.assertNameFree(db, entity, input.name);
      await sql`insert into crm_group (id, entity, name, label, kind, filter, created_by)
        values (${id}, ${entity}, ${input.name}, ${JSON.stringify(input.label)}::jsonb, ${input.kind}, ${filter === null ? null : JSON.stringify(filter)}::jsonb, ${actor.userId}::uuid)`.execute(db);
      if (input.members?.length) {
        if (input.kind !== 'static') throw new CrmError('CRM_ERR_GROUP_NOT_STATIC', { params: { name: input.name } });
        await this.insertMembers(db, id, entity, input.members, actor);
      }
    });
    return this.get(id, actor);
  }

  async update(id: string, change: Partial<Pick<GroupInput, 'name' | 'label' | 'filter'>>, actor: RecordActor): Promise<GroupView> {
    const row = await this.row(id);
    requirePermission(actor, this.registry.get(row.entity), 'update');
    if (change.filter !== undefined && row.kind !== 'dynamic') throw new CrmError('CRM_ERR_GROUP_NOT_STATIC', { params: { name: row.name } });
    const filter = change.filter !== undefined ? await this.checkedFilter(row.entity, change.filter, actor) : undefined;
    await this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<unknown>;
      if (change.name !== undefined && change.name !== row.name) await this.assertNameFree(db, row.entity, change.name);
      await sql`update crm_group set
        name = ${change.name ?? row.name},
        label = ${JSON.stringify(change.label ?? row.label)}::jsonb,
        filter = ${filter === undefined ? JSON.stringify(row.filter) : JSON.stringify(filter)}::jsonb,
        updated_at = now()
        where id = ${id}::uuid`.execute(db);
    });
    return this.get(id, actor);
  }

  async remove(id: string, actor: RecordActor): Promise<void> {
    const row = await this.row(id);
    requirePermission(actor, this.registry.get(row.entity), 'update');
    await sql`delete from crm_group where id = ${id}::uuid`.execute(this.db());
  }

  /** Adds records to a static group (those already in it are left as they are). */
  async addMembers(id: string, ids: string[], actor: RecordActor): Promise<{ added: number }> {
    const row = await this.staticRow(id, actor);
    const added = await this.orm.em.fork().transactional(async (em) => this.insertMembers(em.getKysely() as Kysely<unknown>, id, row.entity, ids, actor));
    return { added };
  }

  async removeMembers(id: string, ids: string[], actor: RecordActor): Promise<{ removed: number }> {
    await this.staticRow(id, actor);
    const clean = this.checkIds(ids);
    const result = await sql`delete from crm_group_member where group_id = ${id}::uuid and record_id = any(${clean}::uuid[])`.execute(this.db());
    return { removed: Number(result.numAffectedRows ?? 0) };
  }

  /** The members as a records list (same paging, fields and scope as `GET /api/records/:entity`). */
  async members(id: string, query: ListQuery, actor: RecordActor): Promise<ListResult> {
    const row = await this.row(id);
    const filter = query.filter === undefined ? { _in_group: id } : { _and: [{ _in_group: id }, query.filter] };
    return this.records.list(row.entity, { ...query, filter }, actor);
  }

  /**
   * Member ids of one or more groups of one entity (members of any of them), in id order with a
   * cursor: what campaigns and notices target. Within the caller's record scope.
   */
  async resolve(groupIds: string[], options: { limit?: number; cursor?: string }, actor: RecordActor): Promise<{ entity: string; ids: string[]; next_cursor: string | null }> {
    const clean = this.checkIds(groupIds);
    const { rows } = await sql<GroupRow>`select id, entity, name from crm_group where id = any(${clean}::uuid[])`.execute(this.db());
    const missing = clean.find((id) => !rows.some((r) => r.id === id));
    if (missing) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'group', id: missing } });
    const entities = new Set(rows.map((r) => r.entity));
    if (entities.size !== 1) throw badRequest('the groups must be of one entity');
    const entity = rows[0]!.entity;
    const stored = this.registry.get(entity);
    const permission = requirePermission(actor, stored, 'read');
    const filter = { _in_group: clean };
    const condition = buildFilterSql(visibleModel(stored, permission), filter, await this.filterContext(filter))!;
    const scope = scopeSql(actor, permission);
    const limit = Math.min(Math.max(options.limit ?? 1000, 1), MAX_RESOLVE);
    if (options.cursor !== undefined && !isUuid(options.cursor)) throw new CrmError('CRM_ERR_INVALID_CURSOR');
    const { rows: found } = await sql<{ id: string }>`
      select id from ${recordTable(entity)}
      where deleted_at is null and ${condition} ${scope ? sql`and ${scope}` : sql``}
        ${options.cursor ? sql`and id > ${options.cursor}::uuid` : sql``}
      order by id limit ${limit + 1}`.execute(this.db());
    const more = found.length > limit;
    const ids = (more ? found.slice(0, limit) : found).map((r) => r.id);
    return { entity, ids, next_cursor: more ? ids.at(-1)! : null };
  }

  /** The groups a record belongs to, static and dynamic (for the customer 360 page). */
  async groupsOf(entity: string, id: string, actor: RecordActor): Promise<GroupView[]> {
    await this.records.get(entity, id, { fields: [] }, actor);
    const groups = (await this.list(entity, actor));
    const dynamic = groups.filter((g) => g.kind === 'dynamic');
    const db = this.db();
    const { rows: staticRows } = await sql<{ group_id: string }>`
      select group_id from crm_group_member where record_id = ${id}::uuid`.execute(db);
    const inStatic = new Set(staticRows.map((r) => r.group_id));
    const inDynamic = new Set<string>();
    if (dynamic.length) {
      const context = await this.filterContext({ _or: dynamic.map((g) => ({ _in_group: g.id })) });
      const model = this.registry.get(entity);
      const checks = dynamic.map((g, i) => sql`coalesce(${buildFilterSql(model, { _in_group: g.id }, context)!}, false) as ${sql.id(`g${i}`)}`);
      const { rows } = await sql<Record<string, boolean>>`select ${sql.join(checks)} from ${recordTable(entity)} where id = ${id}::uuid`.execute(db);
      dynamic.forEach((g, i) => rows[0]?.[`g${i}`] && inDynamic.add(g.id));
    }
    return groups.filter((g) => inStatic.has(g.id) || inDynamic.has(g.id));
  }

  private async insertMembers(db: Kysely<unknown>, groupId: string, entity: string, ids: string[], actor: RecordActor): Promise<number> {
    const clean = this.checkIds(ids);
    const stored = this.registry.get(entity);
    const scope = scopeSql(actor, requirePermission(actor, stored, 'read'));
    // Only records that exist and that the caller may read can be added.
    const { rows } = await sql<{ id: string }>`
      select id from ${recordTable(entity)} where id = any(${clean}::uuid[]) and deleted_at is null ${scope ? sql`and ${scope}` : sql``}`.execute(db);
    const found = new Set(rows.map((r) => r.id));
    const unknown = clean.filter((id) => !found.has(id));
    if (unknown.length) {
      throw new CrmError('CRM_ERR_REFERENCE_NOT_FOUND', {
        fields: unknown.slice(0, 50).map((id) => ({ path: `/ids/${clean.indexOf(id)}`, keyword: 'x-crm-ref', message: `no ${entity} record with id ${id}` })),
      });
    }
    const result = await sql`insert into crm_group_member (group_id, record_id, added_by)
      select ${groupId}::uuid, x, ${actor.userId}::uuid from unnest(${clean}::uuid[]) as x
      on conflict do nothing`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  }

  private async checkedFilter(entity: string, filter: unknown, actor: RecordActor): Promise<unknown> {
    if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw badRequest('a dynamic group needs a filter object');
    const stored = this.registry.get(entity);
    // Compiled against what the author may see: nobody defines a group over fields hidden from them.
    buildFilterSql(visibleModel(stored, requirePermission(actor, stored, 'read')), filter, await this.filterContext(filter));
    return filter;
  }

  private checkIds(ids: string[]): string[] {
    if (ids.length === 0 || ids.length > MAX_MEMBERS_PER_CALL) throw badRequest(`give between 1 and ${MAX_MEMBERS_PER_CALL} ids`);
    const bad = ids.findIndex((id) => typeof id !== 'string' || !isUuid(id));
    if (bad >= 0) throw new CrmError('CRM_ERR_VALIDATION', { fields: [{ path: `/ids/${bad}`, keyword: 'format', message: 'must be a UUID' }] });
    return [...new Set(ids.map((id) => id.toLowerCase()))];
  }

  private async staticRow(id: string, actor: RecordActor): Promise<GroupRow> {
    const row = await this.row(id);
    requirePermission(actor, this.registry.get(row.entity), 'update');
    if (row.kind !== 'static') throw new CrmError('CRM_ERR_GROUP_NOT_STATIC', { params: { name: row.name } });
    return row;
  }

  private async row(id: string): Promise<GroupRow> {
    if (!isUuid(id)) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'group', id } });
    const { rows } = await sql<GroupRow>`
      select g.*, case when g.kind = 'static' then (select count(*) from crm_group_member m where m.group_id = g.id) end as member_count
      from crm_group g where g.id = ${id}::uuid`.execute(this.db());
    if (!rows[0]) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'group', id } });
    return rows[0];
  }

  private async assertNameFree(db: Kysely<unknown>, entity: string, name: string): Promise<void> {
    const { rows } = await sql`select 1 from crm_group where entity = ${entity} and name = ${name}`.execute(db);
    if (rows.length) throw new CrmError('CRM_ERR_NAME_TAKEN', { params: { name } });
  }

  private canRead(actor: RecordActor, entity: string): boolean {
    if (!actor.access) return true;
    return this.registry.has(entity) && !!actor.access.permission(entity)?.actions.has('read');
  }

  private db(): Kysely<unknown> {
    return this.orm.em.fork().getKysely() as Kysely<unknown>;
  }
}

function toView(row: GroupRow): GroupView {
  const view: GroupView = {
    id: row.id, entity: row.entity, name: row.name, label: row.label, kind: row.kind, filter: row.filter ?? null,
    createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
  };
  if (row.kind === 'static') view.memberCount = Number(row.member_count ?? 0);
  return view;
}

function badRequest(reason: string): CrmError {
  return new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason } });
}
