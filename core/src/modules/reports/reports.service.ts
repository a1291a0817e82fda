import { sql, type Kysely } from 'kysely';
import type { Orm } from '../../db/create-orm.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import { readPermission, requirePermission, scopeSql, visibleModel } from '../records/record-access.js';
import type { RecordAction } from '../auth/permissions.js';
import { recordTable } from '../records/record-table.js';
import type { RecordActor } from '../records/record-types.js';
import { SYSTEM_ACTOR, type RecordsService } from '../records/records.service.js';
import { buildReportSql, outputName } from './report-sql.js';
import type { ReportColumn, ReportResult, ReportSpec, ReportValue } from './report-spec.js';

/** Reports: grouped aggregates over any entity, computed by PostgreSQL within the reader's permissions. */
export class ReportsService {
  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    private readonly records: RecordsService,
  ) {}

  /** `action` is `export` when the report is downloaded: that needs the export right as well as read. */
  async query(spec: ReportSpec, actor: RecordActor, action: RecordAction = 'read'): Promise<ReportResult> {
    const stored = this.registry.get(spec.entity);
    const permission = requirePermission(actor, stored, 'read');
    if (action !== 'read') requirePermission(actor, stored, action);
    const model = visibleModel(stored, permission);
    const context = await this.records.filterContext(spec.filter);
    const built = buildReportSql(this.registry, model, scopeSql(actor, permission), spec, actor, context);
    const db = this.db();
    const [{ rows }, totals] = await Promise.all([
      built.rows.execute(db),
      built.totals ? built.totals.execute(db).then((r) => r.rows[0]) : Promise.resolve(undefined),
    ]);
    const truncated = rows.length > built.limit;
    const page = truncated ? rows.slice(0, built.limit) : rows;
    const titles = await this.titles(db, built.columns, page, actor);
    const result: ReportResult = {
      entity: spec.entity,
      columns: built.columns,
      rows: page.map((row) => Object.fromEntries(built.columns.map((column, i) => [column.key, convert(column, row[outputName(i)] ?? null, titles)]))),
      truncated,
    };
    if (totals) {
      const aggregates = built.columns.filter((c) => c.role === 'aggregate');
      result.totals = Object.fromEntries(aggregates.map((column, i) => [column.key, convert(column, totals[`a${i}`] ?? null, titles)]));
    }
    return result;
  }

  /** Refuses a spec that cannot be computed (unknown fields, wrong types), judged with full access. */
  async check(spec: ReportSpec): Promise<void> {
    const model = this.registry.get(spec.entity);
    buildReportSql(this.registry, model, undefined, spec, SYSTEM_ACTOR, await this.records.filterContext(spec.filter));
  }

  /** Titles of the referenced records, only where the reader may read them (otherwise null). */
  private async titles(db: Kysely<unknown>, columns: ReportColumn[], rows: Record<string, string | null>[], actor: RecordActor) {
    const titles = new Map<string, Map<string, string | null>>();
    for (const [i, column] of columns.entries()) {
      if (column.kind !== 'reference' || !column.ref) continue;
      const ids = [...new Set(rows.map((row) => row[outputName(i)]).filter((id): id is string => !!id && UUID.test(id)))];
      const found = titles.get(column.ref) ?? new Map<string, string | null>();
      titles.set(column.ref, found);
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length === 0) continue;
      for (const [id, title] of await this.lookupTitles(db, column.ref, missing, actor)) found.set(id, title);
    }
    return titles;
  }

  private async lookupTitles(db: Kysely<unknown>, ref: string, ids: string[], actor: RecordActor): Promise<Map<string, string | null>> {
    if (ref === 'user') {
      const { rows } = await sql<{ id: string; title: string }>`select id, display_name as title from crm_user where id = any(${ids}::uuid[])`.execute(db);
      return new Map(rows.map((r) => [r.id, r.title]));
    }
    if (ref === 'department') {
      const { rows } = await sql<{ id: string; title: string }>`select id, name as title from crm_department where id = any(${ids}::uuid[])`.execute(db);
      return new Map(rows.map((r) => [r.id, r.title]));
    }
    const stored = this.registry.find(ref);
    const permission = stored ? readPermission(actor, stored) : undefined;
    if (!stored || !permission) return new Map();
    const target = visibleModel(stored, permission);
    if (!target.titleField || !target.fields.has(target.titleField)) return new Map();
    const scope = scopeSql(actor, permission);
    const { rows } = await sql<{ id: string; title: string | null }>`
      select id, data ->> ${target.titleField} as title from ${recordTable(target.name)}
      where id = any(${ids}::uuid[]) and deleted_at is null ${scope ? sql`and ${scope}` : sql``}`.execute(db);
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  private db(): Kysely<unknown> {
    return this.orm.em.fork().getKysely() as Kysely<unknown>;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function convert(column: ReportColumn, value: string | null, titles: Map<string, Map<string, string | null>>): ReportValue {
  if (value === null) return null;
  switch (column.kind) {
    case 'integer':
      return Number(value);
    case 'boolean':
      return value === 'true';
    case 'datetime':
      return isoDateTime(value);
    case 'reference':
      return { id: value, title: titles.get(column.ref!)?.get(value) ?? null };
    default:
      return value;
  }
}

/** PostgreSQL prints timestamptz as `2026-01-02 03:04:05.678+00`; the API speaks ISO 8601. */
function isoDateTime(value: string): string {
  const date = new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
