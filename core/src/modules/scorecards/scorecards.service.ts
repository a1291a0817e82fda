import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Em, Orm } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import type { LocalizedText } from '../../i18n/locale.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { AfterWriteEvent, RecordHooks } from '../records/record-hooks.js';
import { isUuid } from '../records/record-filter.js';
import { recordTable } from '../records/record-table.js';
import type { RecordActor } from '../records/record-types.js';
import { SYSTEM_ACTOR, type RecordsService } from '../records/records.service.js';
import { checkDefinition, indicatorValuesSql } from './scorecard-sql.js';
import { evaluate, type Evaluation } from './scorecard-scoring.js';
import type { HistorySource, ScorecardDefinition } from './scorecard-types.js';

export interface ScorecardInput {
  name: string;
  entity?: string;
  label: LocalizedText;
  definition: ScorecardDefinition;
  active?: boolean;
}

interface ScorecardRow {
  id: string;
  name: string;
  entity: string;
  label: LocalizedText;
  definition: ScorecardDefinition;
  active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface RatingEntry {
  scorecard: string;
  recordId: string;
  score: string;
  rating: string;
  previousRating: string | null;
  indicators: Evaluation['indicators'];
  reason: string;
  computedAt: string;
}

const BATCH = 200;
const CACHE_MS = 10_000;
const DRAIN_EVERY_MS = 30_000;

/**
 * Scorecards: weighted indicators over a record's fields and history, thresholds to a rating.
 * Ratings are written to a field of the record through the records service (validated, audited,
 * usable by rules, lists, groups), and each change of score or rating is kept in crm_scorecard_rating.
 * A write that touches an indicator's inputs queues the record (crm_scorecard_queue) in the
 * write's own transaction; the queue is drained right after and every 30 s, so nothing is lost.
 */
export class ScorecardsService {
  private cache: { at: number; rows: ScorecardRow[] } | undefined;
  private draining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private soon: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    private readonly records: RecordsService,
    hooks: RecordHooks,
  ) {
    hooks.afterBatch('*', (events) => this.queueAffected(events));
  }

  /** Starts the periodic drain (the server calls this; tests may drain by hand). */
  startBackground(): void {
    this.timer = setInterval(() => void this.drain(), DRAIN_EVERY_MS);
    this.timer.unref();
    this.scheduleDrain();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    await this.draining;
  }

  async list(): Promise<ReturnType<typeof toView>[]> {
    return (await this.rows(true)).map(toView);
  }

  async get(id: string) {
    return toView(await this.row(id));
  }

  async create(input: ScorecardInput) {
    const entity = input.entity ?? 'customer';
    checkDefinition(this.registry, this.registry.get(entity), input.definition);
    await this.assertNameFree(input.name);
    const id = uuidv7();
    await sql`insert into crm_scorecard (id, name, entity, label, definition, active)
      values (${id}, ${input.name}, ${entity}, ${JSON.stringify(input.label)}::jsonb, ${JSON.stringify(input.definition)}::jsonb, ${input.active ?? true})`.execute(this.db());
    this.cache = undefined;
    return this.get(id);
  }

  async update(id: string, change: Partial<ScorecardInput>) {
    const row = await this.row(id);
    if (change.definition) checkDefinition(this.registry, this.registry.get(row.entity), change.definition);
    if (change.name && change.name !== row.name) await this.assertNameFree(change.name);
    await sql`update crm_scorecard set name = ${change.name ?? row.name}, label = ${JSON.stringify(change.label ?? row.label)}::jsonb,
      definition = ${JSON.stringify(change.definition ?? row.definition)}::jsonb, active = ${change.active ?? row.active}, updated_at = now()
      where id = ${id}::uuid`.execute(this.db());
    this.cache = undefined;
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.row(id);
    await sql`delete from crm_scorecard where id = ${id}::uuid`.execute(this.db());
    this.cache = undefined;
  }

  /** Recomputes the given records now and returns their evaluations. */
  async recompute(id: string, ids: string[], reason = 'manual'): Promise<(Evaluation & { id: string; changed: boolean })[]> {
    const row = await this.row(id);
    const results: (Evaluation & { id: string; changed: boolean })[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      results.push(...await this.orm.em.fork().transactional((em) => this.recomputeBatch(em as Em, row, ids.slice(i, i + BATCH), reason)));
    }
    return results;
  }

  /** Queues every record of the scorecard's entity; the background drain works through them. */
  async recomputeAll(id: string): Promise<{ queued: number }> {
    const row = await this.row(id);
    const result = await sql`insert into crm_scorecard_queue (entity, record_id)
      select ${row.entity}, id from ${recordTable(row.entity)} where deleted_at is null on conflict do nothing`.execute(this.db());
    this.scheduleDrain();
    return { queued: Number(result.numAffectedRows ?? 0) };
  }

  /** Queues every record of every active scorecard, in the caller's transaction (the nightly job). */
  async queueAllActive(db: Kysely<unknown>): Promise<number> {
    const { rows } = await sql<ScorecardRow>`select * from crm_scorecard where active`.execute(db);
    let queued = 0;
    for (const entity of new Set(rows.map((row) => row.entity))) {
      if (!this.registry.has(entity)) continue;
      const result = await sql`insert into crm_scorecard_queue (entity, record_id)
        select ${entity}, id from ${recordTable(entity)} where deleted_at is null on conflict do nothing`.execute(db);
      queued += Number(result.numAffectedRows ?? 0);
    }
    this.scheduleDrain();
    return queued;
  }

  /** The rating history of a record (newest first), for the scorecards the reader may see the record of. */
  async history(entity: string, recordId: string, actor: RecordActor): Promise<RatingEntry[]> {
    await this.records.get(entity, recordId, { fields: [] }, actor);
    const { rows } = await sql<{ name: string; record_id: string; score: string; rating: string; previous_rating: string | null; indicators: Evaluation['indicators']; reason: string; computed_at: Date | string }>`
      select s.name, r.record_id, r.score::text as score, r.rating, r.previous_rating, r.indicators, r.reason, r.computed_at
      from crm_scorecard_rating r join crm_scorecard s on s.id = r.scorecard_id
      where r.record_id = ${recordId}::uuid and s.entity = ${entity}
      order by r.computed_at desc, r.id desc limit 500`.execute(this.db());
    return rows.map((r) => ({
      scorecard: r.name, recordId: r.record_id, score: r.score, rating: r.rating, previousRating: r.previous_rating,
      indicators: r.indicators, reason: r.reason, computedAt: new Date(r.computed_at).toISOString(),
    }));
  }

  /** Works through the queue (200 records per transaction) until it is empty. */
  drain(): Promise<void> {
    if (this.draining) return this.draining;
    this.draining = (async () => {
      try {
        while (!this.closed && (await this.drainBatch())) { /* next batch */ }
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  private async drainBatch(): Promise<boolean> {
    return this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<unknown>;
      const { rows } = await sql<{ entity: string; record_id: string }>`
        select entity, record_id from crm_scorecard_queue order by queued_at limit ${BATCH} for update skip locked`.execute(db);
      if (rows.length === 0) return false;
      // Through this transaction's own connection: the embedded database has only one.
      const cards = (await this.rows(false, em as Em)).filter((card) => card.active);
      const byEntity = new Map<string, string[]>();
      for (const row of rows) byEntity.set(row.entity, [...(byEntity.get(row.entity) ?? []), row.record_id]);
      for (const card of cards) {
        const ids = byEntity.get(card.entity);
        if (ids?.length) await this.recomputeBatch(em as Em, card, ids, 'change');
      }
      await sql`delete from crm_scorecard_queue q using jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(entity text, record_id uuid)
        where q.entity = x.entity and q.record_id = x.record_id`.execute(db);
      return true;
    });
  }

  private async recomputeBatch(em: Em, card: ScorecardRow, ids: string[], reason: string): Promise<(Evaluation & { id: string; changed: boolean })[]> {
    const db = em.getKysely() as Kysely<unknown>;
    const model = this.registry.get(card.entity);
    const clean = ids.filter(isUuid);
    if (clean.length === 0) return [];
    const definition = card.definition;
    const { rows } = await indicatorValuesSql(this.registry, model, definition, clean).execute(db);
    const { rows: current } = await sql<{ id: string; rating: string | null; score: string | null; last_rating: string | null; last_score: string | null }>`
      select t.id, t.data ->> ${definition.ratingField} as rating,
        ${definition.scoreField ? sql`t.data ->> ${definition.scoreField}` : sql`null`} as score,
        last.rating as last_rating, last.score::text as last_score
      from ${recordTable(card.entity)} t
      left join lateral (select r.rating, r.score from crm_scorecard_rating r where r.scorecard_id = ${card.id}::uuid and r.record_id = t.id
        order by r.computed_at desc, r.id desc limit 1) last on true
      where t.id = any(${clean}::uuid[])`.execute(db);
    const now = new Map(current.map((c) => [c.id, c]));
    const results: (Evaluation & { id: string; changed: boolean })[] = [];
    const history: unknown[] = [];
    const writes: Record<string, unknown>[] = [];
    for (const row of rows) {
      const evaluation = evaluate(definition, definition.indicators.map((_, i) => row[`v${i}`] ?? null));
      const before = now.get(row.id as string);
      const score = evaluation.score.toFixed(2);
      const changed = before?.last_rating !== evaluation.rating || Number(before?.last_score) !== evaluation.score;
      if (changed) {
        history.push({ id: uuidv7(), record_id: row.id, score, rating: evaluation.rating, previous_rating: before?.last_rating ?? null, indicators: evaluation.indicators });
      }
      const fieldScore = definition.scoreField ? scoreValue(this.registry.get(card.entity).fields.get(definition.scoreField)!.type, evaluation.score) : undefined;
      if (before?.rating !== evaluation.rating || (definition.scoreField && Number(before?.score) !== evaluation.score)) {
        const patch: Record<string, unknown> = { id: row.id, [definition.ratingField]: evaluation.rating };
        if (definition.scoreField) patch[definition.scoreField] = fieldScore;
        writes.push(patch);
      }
      results.push({ ...evaluation, id: row.id as string, changed });
    }
    if (history.length) {
      await sql`insert into crm_scorecard_rating (id, scorecard_id, record_id, score, rating, previous_rating, indicators, reason)
        select x.id, ${card.id}::uuid, x.record_id, x.score, x.rating, x.previous_rating, x.indicators, ${reason}
        from jsonb_to_recordset(${JSON.stringify(history)}::jsonb) as x(id uuid, record_id uuid, score numeric, rating text, previous_rating text, indicators jsonb)`.execute(db);
    }
    if (writes.length) {
      await this.records.upsertMany(card.entity, writes, 'id', { ...SYSTEM_ACTOR, requestId: `scorecard:${card.name}` }, '/records', { em });
    }
    return results;
  }

  /** The "after" hook: which records' ratings a write may change, queued in the write's transaction. */
  private async queueAffected(events: AfterWriteEvent[]): Promise<void> {
    const first = events[0];
    if (!first) return;
    const cards = (await this.rows(false, first.em)).filter((card) => card.active);
    if (cards.length === 0) return;
    const queued = new Map<string, Set<string>>();
    const add = (entity: string, id: unknown) => {
      if (typeof id === 'string' && isUuid(id)) queued.set(entity, (queued.get(entity) ?? new Set()).add(id));
    };
    for (const card of cards) {
      const inputs = inputFields(card.definition);
      const outputs = new Set([card.definition.ratingField, card.definition.scoreField].filter(Boolean));
      for (const event of events) {
        if (event.model.name === card.entity) {
          const changed = changedKeys(event.before, event.after);
          if (event.operation === 'create' || event.operation === 'restore' || changed.some((key) => inputs.own.has(key) && !outputs.has(key))) add(card.entity, event.id);
        }
        for (const source of inputs.history) {
          if (source.entity !== event.model.name) continue;
          add(card.entity, event.before?.[source.via]);
          add(card.entity, event.after[source.via]);
        }
      }
    }
    if (queued.size === 0) return;
    const rows = [...queued].flatMap(([entity, ids]) => [...ids].map((record_id) => ({ entity, record_id })));
    await sql`insert into crm_scorecard_queue (entity, record_id)
      select x.entity, x.record_id from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(entity text, record_id uuid)
      on conflict do nothing`.execute(first.em.getKysely() as Kysely<unknown>);
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (this.closed || this.soon) return;
    // Shortly after the write's transaction has committed.
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.drain().catch(() => {});
    }, 100);
    this.soon.unref();
  }

  /** Scorecards, cached for a few seconds (changes made here clear the cache at once). */
  private async rows(fresh: boolean, em?: Em): Promise<ScorecardRow[]> {
    if (!fresh && this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.rows;
    const db = (em ?? this.orm.em.fork()).getKysely() as Kysely<unknown>;
    const { rows } = await sql<ScorecardRow>`select * from crm_scorecard order by name`.execute(db);
    this.cache = { at: Date.now(), rows };
    return rows;
  }

  private async row(id: string): Promise<ScorecardRow> {
    if (!isUuid(id)) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'scorecard', id } });
    const { rows } = await sql<ScorecardRow>`select * from crm_scorecard where id = ${id}::uuid`.execute(this.db());
    if (!rows[0]) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'scorecard', id } });
    return rows[0];
  }

  private async assertNameFree(name: string): Promise<void> {
    const { rows } = await sql`select 1 from crm_scorecard where name = ${name}`.execute(this.db());
    if (rows.length) throw new CrmError('CRM_ERR_NAME_TAKEN', { params: { name } });
  }

  private db(): Kysely<unknown> {
    return this.orm.em.fork().getKysely() as Kysely<unknown>;
  }
}

function inputFields(definition: ScorecardDefinition): { own: Set<string>; history: HistorySource[] } {
  const own = new Set<string>();
  const history: HistorySource[] = [];
  for (const { source } of definition.indicators) {
    if (source.kind === 'field') own.add(source.field);
    else if (source.kind === 'history') history.push(source);
    else history.push(source.numerator, source.denominator);
  }
  return { own, history };
}

function changedKeys(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after[key]));
}

function scoreValue(type: string, score: number): number | string {
  return type === 'integer' ? Math.round(score) : score.toFixed(2);
}

function toView(row: ScorecardRow) {
  return {
    id: row.id, name: row.name, entity: row.entity, label: row.label, definition: row.definition, active: row.active,
    createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
  };
}
