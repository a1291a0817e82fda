import type { Kysely } from 'kysely';
import type { Orm } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import type { LocalizedText } from '../../i18n/locale.js';
import { recordHistory } from '../audit/audit-trail.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import { readPermission, requirePermission, visibleModel } from '../records/record-access.js';
import { SYSTEM_COLUMNS } from '../records/field-sql.js';
import { recordLabel } from '../records/record-mapper.js';
import type { ApiRecord, RecordActor } from '../records/record-types.js';
import type { RecordsService } from '../records/records.service.js';
import type { ScorecardsService } from '../scorecards/scorecards.service.js';
import type { GroupsService } from '../segments/groups.service.js';
import type { RfmService } from '../segments/rfm.service.js';
import type { ReportsService } from './reports.service.js';

const RECENT = 5;
const TIMELINE = 50;

export interface RelatedList {
  entity: string;
  field: string;
  label: LocalizedText;
  total: number;
  recent: ApiRecord[];
  /** Sums asked for with `sum=entity.field`, as exact decimal strings. */
  sums: Record<string, string | null>;
}

export interface TimelineEntry {
  at: string;
  kind: 'change' | 'related';
  entity: string;
  recordId: string;
  title: string | null;
  action?: string;
  actorId?: string | null;
  changes?: Record<string, unknown>;
}

/**
 * Everything about one record on one page (the customer 360 view): the record with its references
 * expanded, the records that point at it (orders, tickets, activities, contacts… each with a count
 * and the latest), its groups, ratings and RFM scores, and a timeline. All within the reader's
 * permissions: related entities the reader may not read are left out.
 */
export class RecordOverviewService {
  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    private readonly records: RecordsService,
    private readonly reports: ReportsService,
    private readonly groups: GroupsService,
    private readonly scorecards: ScorecardsService,
    private readonly rfm: RfmService,
  ) {}

  async overview(entity: string, id: string, actor: RecordActor, sums: string[] = []) {
    const stored = this.registry.get(entity);
    const view = visibleModel(stored, requirePermission(actor, stored, 'read'));
    const expand = [...view.fields.values()].filter((f) => f.type === 'reference').map((f) => f.name);
    const record = await this.records.get(entity, id, { expand }, actor);
    const related: RelatedList[] = [];
    for (const model of this.registry.all()) {
      const permission = readPermission(actor, model);
      if (!permission) continue;
      const target = visibleModel(model, permission);
      for (const field of target.fields.values()) {
        if (field.type !== 'reference' || field.ref !== entity) continue;
        const filter = { [field.name]: { _eq: id } };
        const list = await this.records.list(model.name, { filter, sort: '-created_at', limit: RECENT, withTotal: true }, actor);
        const wanted = sums.filter((s) => s.startsWith(`${model.name}.`)).map((s) => s.slice(model.name.length + 1));
        const totals: Record<string, string | null> = {};
        if (wanted.length) {
          const report = await this.reports.query({ entity: model.name, filter, aggregates: wanted.map((name) => ({ fn: 'sum' as const, field: name, as: name })) }, actor);
          for (const name of wanted) totals[name] = (report.rows[0]?.[name] as string | null | undefined) ?? null;
        }
        related.push({ entity: model.name, field: field.name, label: model.document['x-crm-label-plural'], total: list.total ?? 0, recent: list.data, sums: totals });
      }
    }
    for (const sum of sums) {
      const [name, field] = sum.split('.');
      if (!field || !related.some((r) => r.entity === name)) throw new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: `sum "${sum}" names no related entity.field` } });
    }
    const [groups, ratings, rfm, changes] = await Promise.all([
      this.groups.groupsOf(entity, id, actor),
      this.scorecards.history(entity, id, actor),
      entity === 'customer' ? this.rfm.scoresOf(id, actor) : Promise.resolve([]),
      recordHistory(this.orm.em.fork().getKysely() as Kysely<unknown>, entity, id),
    ]);
    const current = new Map<string, (typeof ratings)[number]>();
    for (const rating of ratings) if (!current.has(rating.scorecard)) current.set(rating.scorecard, rating);
    const timeline: TimelineEntry[] = [
      ...changes.map((entry) => ({
        at: entry.occurred_at as string, kind: 'change' as const, entity, recordId: id, title: recordLabel(stored, record) ?? null,
        action: entry.action, actorId: entry.actor_id,
        changes: Object.fromEntries(Object.entries(entry.changes).filter(([f]) => view.fields.has(f) || Object.hasOwn(SYSTEM_COLUMNS, f))),
      })),
      ...related.flatMap((list) => list.recent.map((r) => ({
        at: String(r.created_at), kind: 'related' as const, entity: list.entity, recordId: r.id, title: recordLabel(this.registry.get(list.entity), r) ?? null,
      }))),
    ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, TIMELINE);
    return { entity, record, related, groups, ratings: { current: [...current.values()], history: ratings.slice(0, 50) }, rfm, timeline };
  }
}
