import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Orm } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import type { LocalizedText } from '../../i18n/locale.js';
import { isUuid } from '../records/record-filter.js';
import type { RecordActor } from '../records/record-types.js';
import { SYSTEM_ACTOR } from '../records/records.service.js';
import type { WidgetDefinition } from './dashboard-types.js';
import type { ReportResult } from './report-spec.js';
import type { ReportsService } from './reports.service.js';

export interface DashboardInput {
  name: string;
  label: LocalizedText;
  /** Role names that see the dashboard; empty or absent: everyone. */
  roles?: string[];
  widgets: WidgetDefinition[];
  position?: number;
}

interface DashboardRow {
  id: string;
  name: string;
  label: LocalizedText;
  roles: string[];
  widgets: WidgetDefinition[];
  position: number;
  created_at: Date | string;
  updated_at: Date | string;
}

export type WidgetData = { data: ReportResult } | { error: { code: string; message: string } };

/**
 * Dashboards per role: stored widget definitions (a report and a chart type each). Their data is
 * computed for the viewer, with the viewer's permissions: a widget over records a role may not read
 * answers with its error, the others still draw.
 */
export class DashboardsService {
  constructor(
    private readonly orm: Orm,
    private readonly reports: ReportsService,
  ) {}

  async list(actor: RecordActor) {
    const { rows } = await sql<DashboardRow>`select * from crm_dashboard order by position, name`.execute(this.db());
    return rows.filter((row) => visibleTo(row, actor)).map(toView);
  }

  async get(id: string, actor: RecordActor) {
    return toView(await this.visibleRow(id, actor));
  }

  async create(input: DashboardInput) {
    await this.check(input);
    const id = uuidv7();
    const { rows } = await sql`select 1 from crm_dashboard where name = ${input.name}`.execute(this.db());
    if (rows.length) throw new CrmError('CRM_ERR_NAME_TAKEN', { params: { name: input.name } });
    await sql`insert into crm_dashboard (id, name, label, roles, widgets, position)
      values (${id}, ${input.name}, ${JSON.stringify(input.label)}::jsonb, ${JSON.stringify(input.roles ?? [])}::jsonb,
        ${JSON.stringify(input.widgets)}::jsonb, ${input.position ?? 0})`.execute(this.db());
    return this.get(id, SYSTEM_ACTOR);
  }

  /** Replaces a dashboard's definition (the UI's designer saves it whole). */
  async replace(id: string, input: DashboardInput) {
    await this.row(id);
    await this.check(input);
    const { rows } = await sql`select 1 from crm_dashboard where name = ${input.name} and id <> ${id}::uuid`.execute(this.db());
    if (rows.length) throw new CrmError('CRM_ERR_NAME_TAKEN', { params: { name: input.name } });
    await sql`update crm_dashboard set name = ${input.name}, label = ${JSON.stringify(input.label)}::jsonb, roles = ${JSON.stringify(input.roles ?? [])}::jsonb,
      widgets = ${JSON.stringify(input.widgets)}::jsonb, position = ${input.position ?? 0}, updated_at = now() where id = ${id}::uuid`.execute(this.db());
    return this.get(id, SYSTEM_ACTOR);
  }

  async remove(id: string): Promise<void> {
    await this.row(id);
    await sql`delete from crm_dashboard where id = ${id}::uuid`.execute(this.db());
  }

  /** Every widget's data (or error), computed for the viewer; `filters` narrow single widgets further. */
  async data(id: string, actor: RecordActor, filters: Record<string, unknown> = {}): Promise<{ widgets: Record<string, WidgetData> }> {
    const row = await this.visibleRow(id, actor);
    const widgets: Record<string, WidgetData> = {};
    for (const widget of row.widgets) widgets[widget.id] = await this.run(widget, actor, filters[widget.id]);
    return { widgets };
  }

  async widgetData(id: string, widgetId: string, actor: RecordActor, filter?: unknown): Promise<ReportResult> {
    const row = await this.visibleRow(id, actor);
    const widget = row.widgets.find((w) => w.id === widgetId);
    if (!widget) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'widget', id: widgetId } });
    return this.reports.query(withFilter(widget, filter), actor);
  }

  /** Creates the standard dashboards once, on a database that has none. */
  async ensureDefaults(defaults: DashboardInput[]): Promise<void> {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from crm_dashboard`.execute(this.db());
    if (Number(rows[0]?.n) > 0) return;
    for (const dashboard of defaults) {
      try {
        await this.create(dashboard);
      } catch (error) {
        // A definition changed by an administrator (a removed field), or another process that
        // created the same dashboard a moment earlier, must not stop the server.
        if (!(error instanceof CrmError) && (error as { code?: string }).code !== '23505') throw error;
      }
    }
  }

  private async run(widget: WidgetDefinition, actor: RecordActor, filter: unknown): Promise<WidgetData> {
    try {
      return { data: await this.reports.query(withFilter(widget, filter), actor) };
    } catch (error) {
      if (!(error instanceof CrmError) || error.statusCode >= 500) throw error;
      return { error: { code: error.code, message: error.localizedMessage(actor.locale) } };
    }
  }

  /** Widgets must have unique ids and reports that compute (checked with full access). */
  private async check(input: DashboardInput): Promise<void> {
    const ids = new Set<string>();
    for (const [i, widget] of input.widgets.entries()) {
      if (ids.has(widget.id)) throw new CrmError('CRM_ERR_INVALID_REPORT', { params: { reason: `two widgets have the id "${widget.id}"` } });
      ids.add(widget.id);
      try {
        await this.reports.check(widget.report);
      } catch (error) {
        if (error instanceof CrmError) throw new CrmError(error.code, { params: error.params, fields: [{ path: `/widgets/${i}/report`, keyword: 'x-crm-report', message: error.message }] });
        throw error;
      }
    }
  }

  private async visibleRow(id: string, actor: RecordActor): Promise<DashboardRow> {
    const row = await this.row(id);
    if (!visibleTo(row, actor)) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'dashboard', id } });
    return row;
  }

  private async row(id: string): Promise<DashboardRow> {
    if (!isUuid(id)) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'dashboard', id } });
    const { rows } = await sql<DashboardRow>`select * from crm_dashboard where id = ${id}::uuid`.execute(this.db());
    if (!rows[0]) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'dashboard', id } });
    return rows[0];
  }

  private db(): Kysely<unknown> {
    return this.orm.em.fork().getKysely() as Kysely<unknown>;
  }
}

function visibleTo(row: DashboardRow, actor: RecordActor): boolean {
  if (!actor.access || actor.access.isAdmin || row.roles.length === 0) return true;
  return row.roles.some((role) => actor.access!.roles.includes(role));
}

function withFilter(widget: WidgetDefinition, filter: unknown) {
  if (filter === undefined || filter === null) return widget.report;
  return { ...widget.report, filter: widget.report.filter ? { _and: [widget.report.filter, filter] } : filter };
}

function toView(row: DashboardRow) {
  return {
    id: row.id, name: row.name, label: row.label, roles: row.roles, widgets: row.widgets, position: row.position,
    createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
  };
}
