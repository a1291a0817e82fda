import { sql, type Kysely, type RawBuilder } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Orm } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import type { LocalizedText } from '../../i18n/locale.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel, FieldModel } from '../metadata/entity-model.js';
import { requirePermission, scopeSql } from '../records/record-access.js';
import { fieldExpression } from '../records/field-sql.js';
import { buildFilterSql, isUuid } from '../records/record-filter.js';
import { recordTable } from '../records/record-table.js';
import type { RecordActor } from '../records/record-types.js';
import type { RecordsService } from '../records/records.service.js';
import { binCount, DEFAULT_ORDER_SOURCE, DEFAULT_SEGMENTS, scaledSegments, type RfmConfig, type RfmSegmentRule } from './rfm-config.js';

export interface RfmModelInput {
  name: string;
  label: LocalizedText;
  config: RfmConfig;
}

export interface RfmModelView extends RfmModelInput {
  id: string;
  lastRunAt: string | null;
}

export interface RfmScoreView {
  customer: { id: string; title: string | null };
  recencyDays: number | null;
  frequency: number;
  monetary: string;
  r: number;
  f: number;
  m: number;
  score: string;
  segment: string;
  tier: string | null;
  computedAt: string;
}

export interface RfmRunSummary {
  asOf: string;
  scored: number;
  segments: Record<string, number>;
  tiers: Record<string, number>;
  /** Customer records whose segment / tier / score fields were written (changed ones only). */
  written: number;
  cleared: number;
}

const CUSTOMER = 'customer';
const WRITE_BATCH = 500;

/** RFM models: recency, frequency and monetary scores of customers from their orders, computed in SQL. */
export class RfmService {
  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    private readonly records: RecordsService,
  ) {}

  async list(): Promise<RfmModelView[]> {
    const { rows } = await sql<ModelRow>`select * from crm_rfm_model order by name`.execute(this.db());
    return rows.map(toView);
  }

  async get(id: string): Promise<RfmModelView> {
    return toView(await this.row(id));
  }

  async create(input: RfmModelInput): Promise<RfmModelView> {
    const config = this.checkConfig(input.config);
    const id = uuidv7();
    await this.assertNameFree(input.name);
    await sql`insert into crm_rfm_model (id, name, label, config) values (${id}, ${input.name}, ${JSON.stringify(input.label)}::jsonb, ${JSON.stringify(config)}::jsonb)`.execute(this.db());
    return this.get(id);
  }

  async update(id: string, change: Partial<RfmModelInput>): Promise<RfmModelView> {
    const row = await this.row(id);
    if (change.name && change.name !== row.name) await this.assertNameFree(change.name);
    const config = change.config ? this.checkConfig(change.config) : row.config;
    await sql`update crm_rfm_model set name = ${change.name ?? row.name}, label = ${JSON.stringify(change.label ?? row.label)}::jsonb,
      config = ${JSON.stringify(config)}::jsonb, updated_at = now() where id = ${id}::uuid`.execute(this.db());
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.row(id);
    await sql`delete from crm_rfm_model where id = ${id}::uuid`.execute(this.db());
  }

  /**
   * Scores every customer with orders in the window, replaces the model's stored scores, then
   * writes the changed segment / tier / score fields to the customer records through the records
   * service (validated, audited, visible to rules). Customers no longer scored get those fields cleared.
   */
  async run(id: string, actor: RecordActor): Promise<RfmRunSummary> {
    const row = await this.row(id);
    const config = this.checkConfig(row.config);
    const asOf = config.asOf ?? new Date().toISOString().slice(0, 10);
    const scores = await this.scoresSql(config, asOf);
    const db = this.db();
    await this.orm.em.fork().transactional(async (em) => {
      const trx = em.getKysely() as Kysely<unknown>;
      await sql`delete from crm_rfm_score where model_id = ${id}::uuid`.execute(trx);
      await sql`insert into crm_rfm_score (model_id, customer_id, recency_days, frequency, monetary, r, f, m, segment, tier, computed_at)
        select ${id}::uuid, customer_id, recency_days, frequency, monetary, r, f, m, segment, tier, now() from (${scores}) as scored`.execute(trx);
      await sql`update crm_rfm_model set last_run_at = now() where id = ${id}::uuid`.execute(trx);
    });
    const { rows: counts } = await sql<{ segment: string; tier: string | null; n: string }>`
      select segment, tier, count(*) as n from crm_rfm_score where model_id = ${id}::uuid group by segment, tier`.execute(db);
    const summary: RfmRunSummary = { asOf, scored: 0, segments: {}, tiers: {}, written: 0, cleared: 0 };
    for (const c of counts) {
      summary.scored += Number(c.n);
      summary.segments[c.segment] = (summary.segments[c.segment] ?? 0) + Number(c.n);
      if (c.tier) summary.tiers[c.tier] = (summary.tiers[c.tier] ?? 0) + Number(c.n);
    }
    if (config.fields && Object.values(config.fields).some(Boolean)) {
      Object.assign(summary, await this.writeFields(id, config.fields, actor));
    }
    return summary;
  }

  async scores(id: string, options: { segment?: string; tier?: string; limit?: number; cursor?: string }, actor: RecordActor): Promise<{ data: RfmScoreView[]; next_cursor: string | null }> {
    await this.row(id);
    const customer = this.registry.get(CUSTOMER);
    const scope = scopeSql(actor, requirePermission(actor, customer, 'read'));
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    if (options.cursor && !isUuid(options.cursor)) throw new CrmError('CRM_ERR_INVALID_CURSOR');
    const { rows } = await sql<ScoreRow>`
      select s.*, c.data ->> ${customer.titleField ?? 'name'} as title from crm_rfm_score s
      join ${recordTable(CUSTOMER)} c on c.id = s.customer_id and c.deleted_at is null ${scope ? sql`and ${scope}` : sql``}
      where s.model_id = ${id}::uuid
        ${options.segment ? sql`and s.segment = ${options.segment}` : sql``}
        ${options.tier ? sql`and s.tier = ${options.tier}` : sql``}
        ${options.cursor ? sql`and s.customer_id > ${options.cursor}::uuid` : sql``}
      order by s.customer_id limit ${limit + 1}`.execute(this.db());
    const more = rows.length > limit;
    const data = (more ? rows.slice(0, limit) : rows).map(toScore);
    return { data, next_cursor: more ? data.at(-1)!.customer.id : null };
  }

  /** A customer's scores in every model (customer 360). */
  async scoresOf(customerId: string, actor: RecordActor): Promise<(RfmScoreView & { model: string })[]> {
    await this.records.get(CUSTOMER, customerId, { fields: [] }, actor);
    const { rows } = await sql<ScoreRow & { model: string }>`
      select s.*, m.name as model, null as title from crm_rfm_score s join crm_rfm_model m on m.id = s.model_id
      where s.customer_id = ${customerId}::uuid order by m.name`.execute(this.db());
    return rows.map((row) => ({ ...toScore(row), model: row.model }));
  }

  private scoresSql(config: RfmConfig, asOf: string): RawBuilder<unknown> {
    const source = { ...DEFAULT_ORDER_SOURCE, ...config.orders };
    const orders = this.registry.get(source.entity);
    const customerField = orders.fields.get(source.customerField)!;
    const dateField = orders.fields.get(source.dateField)!;
    const amountField = orders.fields.get(source.amountField)!;
    const filter = buildFilterSql(orders, source.filter);
    const day = dateField.type === 'date'
      ? sql`(${fieldExpression(dateField)})::date`
      : sql`((${fieldExpression(dateField)})::timestamptz at time zone 'UTC')::date`;
    const k = binCount(config.bins);
    const bins = config.bins;
    const score = (column: string, descending: boolean) =>
      sql`((${k}::bigint * count(*) over (order by ${sql.ref(column)} ${sql.raw(descending ? 'desc' : 'asc')}) + n.n - 1) / n.n)::int`;
    const r = bins.method === 'quantile' ? score('recency_days', true) : descendingCase('recency_days', bins.recency, k);
    const f = bins.method === 'quantile' ? score('frequency', false) : ascendingCase('frequency', bins.frequency);
    const m = bins.method === 'quantile' ? score('monetary', false) : ascendingCase('monetary', bins.monetary);
    const rules = config.segments ?? scaledSegments(DEFAULT_SEGMENTS, k);
    const tiers = [...(config.tiers ?? [])].sort((a, b) => Number(b.minMonetary) - Number(a.minMonetary));
    const tier = tiers.length
      ? sql`case ${sql.join(tiers.map((t) => sql`when monetary >= ${t.minMonetary}::numeric then ${t.name}`), sql` `)} else null end`
      : sql`null::text`;
    return sql`
      with o as (
        select (${fieldExpression(customerField)})::uuid as customer_id, ${day} as d, coalesce(${fieldExpression(amountField)}, 0) as amount
        from ${recordTable(orders.name)}
        where deleted_at is null and ${fieldExpression(customerField)} is not null ${filter ? sql`and ${filter}` : sql``}
      ), c as (
        select o.customer_id, (${asOf}::date - max(o.d))::int as recency_days, count(*)::int as frequency, sum(o.amount) as monetary
        from o join ${recordTable(CUSTOMER)} cu on cu.id = o.customer_id and cu.deleted_at is null
        where o.d > ${asOf}::date - ${config.windowDays}::int and o.d <= ${asOf}::date
        group by o.customer_id
      ), n as (select greatest(count(*), 1) as n from c),
      s as (select c.*, ${r} as r, ${f} as f, ${m} as m from c cross join n)
      select customer_id, recency_days, frequency, monetary, r, f, m, ${segmentCase(rules)} as segment, ${tier} as tier from s`;
  }

  private async writeFields(id: string, fields: NonNullable<RfmConfig['fields']>, actor: RecordActor): Promise<{ written: number; cleared: number }> {
    const db = this.db();
    const value = (field: string | undefined, expr: RawBuilder<unknown>) => (field ? sql`${expr}` : sql`null`);
    const current = (field: string | undefined) => (field ? sql`c.data ->> ${field}` : sql`null`);
    const differs = sql.join(
      ([['segment', sql`s.segment`], ['tier', sql`s.tier`], ['score', sql`s.r::text || s.f::text || s.m::text`]] as const)
        .filter(([key]) => fields[key])
        .map(([key, expr]) => sql`(${current(fields[key])} is distinct from ${expr})`),
      sql` or `,
    );
    let written = 0;
    let cursor: string | null = null;
    for (;;) {
      const { rows }: { rows: { id: string; segment: string | null; tier: string | null; score: string | null }[] } = await sql<{ id: string; segment: string | null; tier: string | null; score: string | null }>`
        select s.customer_id as id, ${value(fields.segment, sql`s.segment`)} as segment, ${value(fields.tier, sql`s.tier`)} as tier,
          ${value(fields.score, sql`s.r::text || s.f::text || s.m::text`)} as score
        from crm_rfm_score s join ${recordTable(CUSTOMER)} c on c.id = s.customer_id and c.deleted_at is null
        where s.model_id = ${id}::uuid and (${differs}) ${cursor ? sql`and s.customer_id > ${cursor}::uuid` : sql``}
        order by s.customer_id limit ${WRITE_BATCH}`.execute(db);
      if (rows.length === 0) break;
      const patches = rows.map((row) => {
        const patch: Record<string, unknown> = { id: row.id };
        if (fields.segment) patch[fields.segment] = row.segment;
        if (fields.tier) patch[fields.tier] = row.tier;
        if (fields.score) patch[fields.score] = row.score;
        return patch;
      });
      await this.records.upsertMany(CUSTOMER, patches, 'id', actor);
      written += rows.length;
      cursor = rows.at(-1)!.id;
    }
    let cleared = 0;
    const named = Object.values(fields).filter((f): f is string => !!f);
    for (;;) {
      const { rows } = await sql<{ id: string }>`
        select c.id from ${recordTable(CUSTOMER)} c
        where c.deleted_at is null and c.data ?| ${named}::text[]
          and not exists (select 1 from crm_rfm_score s where s.model_id = ${id}::uuid and s.customer_id = c.id)
        order by c.id limit ${WRITE_BATCH}`.execute(db);
      if (rows.length === 0) break;
      await this.records.upsertMany(CUSTOMER, rows.map((row) => ({ id: row.id, ...Object.fromEntries(named.map((f) => [f, null])) })), 'id', actor);
      cleared += rows.length;
    }
    return { written, cleared };
  }

  /** Checks names, types and bins against the live definitions; refuses with the reason. */
  private checkConfig(input: RfmConfig): RfmConfig {
    const config: RfmConfig = { ...input, orders: { ...DEFAULT_ORDER_SOURCE, ...input.orders } };
    const orders = this.registry.find(config.orders.entity);
    if (!orders) throw invalid(`unknown entity "${config.orders.entity}"`);
    const field = (model: EntityModel, name: string, types: string[], what: string): FieldModel => {
      const found = model.fields.get(name);
      if (!found || !types.includes(found.type)) throw invalid(`${what} "${name}" must be a ${types.join(' or ')} field of ${model.name}`);
      return found;
    };
    const ref = field(orders, config.orders.customerField, ['reference'], 'customerField');
    if (ref.ref !== CUSTOMER) throw invalid(`customerField "${ref.name}" must refer to customers`);
    field(orders, config.orders.dateField, ['date', 'datetime'], 'dateField');
    field(orders, config.orders.amountField, ['decimal', 'integer'], 'amountField');
    buildFilterSql(orders, config.orders.filter);
    if (config.asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(config.asOf) || Number.isNaN(Date.parse(config.asOf)))) throw invalid('asOf must be a date (YYYY-MM-DD)');
    const bins = config.bins;
    if (bins.method === 'thresholds') {
      const lengths = new Set([bins.recency.length, bins.frequency.length, bins.monetary.length]);
      if (lengths.size !== 1 || bins.recency.length < 1) throw invalid('recency, frequency and monetary need the same number of limits');
      for (const [name, list] of Object.entries({ recency: bins.recency, frequency: bins.frequency, monetary: bins.monetary.map(Number) })) {
        if (list.some((v, i) => !Number.isFinite(v) || (i > 0 && v <= list[i - 1]!))) throw invalid(`${name} limits must be numbers in ascending order`);
      }
    }
    const k = binCount(bins);
    for (const rule of config.segments ?? []) {
      for (const range of [rule.r, rule.f, rule.m]) if (range && (range[0] < 1 || range[1] > k || range[0] > range[1])) throw invalid(`segment "${rule.name}" has a score range outside 1…${k}`);
    }
    const customer = this.registry.get(CUSTOMER);
    const segmentNames = (config.segments ?? DEFAULT_SEGMENTS).map((s) => s.name);
    const tierNames = (config.tiers ?? []).map((t) => t.name);
    for (const [key, values] of [['segment', segmentNames], ['tier', tierNames], ['score', []]] as const) {
      const name = config.fields?.[key];
      if (!name) continue;
      const target = field(customer, name, ['text', 'choice'], `fields.${key}`);
      const allowed = target.type === 'choice' ? new Set((target.schema.enum ?? []) as string[]) : undefined;
      const missing = allowed ? values.filter((v) => !allowed.has(v)) : [];
      if (key === 'score' && allowed) throw invalid(`fields.score "${name}" must be a text field`);
      if (missing.length) throw invalid(`the choices of "${name}" lack ${missing.join(', ')}`);
    }
    for (const tier of config.tiers ?? []) if (!/^-?\d+(\.\d+)?$/.test(tier.minMonetary)) throw invalid(`tier "${tier.name}" needs a decimal minMonetary`);
    return config;
  }

  private async row(id: string): Promise<ModelRow> {
    if (!isUuid(id)) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'RFM model', id } });
    const { rows } = await sql<ModelRow>`select * from crm_rfm_model where id = ${id}::uuid`.execute(this.db());
    if (!rows[0]) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'RFM model', id } });
    return rows[0];
  }

  private async assertNameFree(name: string): Promise<void> {
    const { rows } = await sql`select 1 from crm_rfm_model where name = ${name}`.execute(this.db());
    if (rows.length) throw new CrmError('CRM_ERR_NAME_TAKEN', { params: { name } });
  }

  private db(): Kysely<unknown> {
    return this.orm.em.fork().getKysely() as Kysely<unknown>;
  }
}

interface ModelRow {
  id: string;
  name: string;
  label: LocalizedText;
  config: RfmConfig;
  last_run_at: Date | string | null;
}

interface ScoreRow {
  customer_id: string;
  title: string | null;
  recency_days: number | null;
  frequency: number;
  monetary: string;
  r: number;
  f: number;
  m: number;
  segment: string;
  tier: string | null;
  computed_at: Date | string;
}

function toView(row: ModelRow): RfmModelView {
  return { id: row.id, name: row.name, label: row.label, config: row.config, lastRunAt: row.last_run_at ? new Date(row.last_run_at).toISOString() : null };
}

function toScore(row: ScoreRow): RfmScoreView {
  return {
    customer: { id: row.customer_id, title: row.title },
    recencyDays: row.recency_days === null ? null : Number(row.recency_days),
    frequency: Number(row.frequency),
    monetary: String(row.monetary),
    r: Number(row.r), f: Number(row.f), m: Number(row.m),
    score: `${row.r}${row.f}${row.m}`,
    segment: row.segment,
    tier: row.tier,
    computedAt: new Date(row.computed_at).toISOString(),
  };
}

/** Recency: at most limits[0] days scores k, at most limits[1] k - 1, …, beyond the last 1. */
function descendingCase(column: string, limits: number[], k: number): RawBuilder<unknown> {
  return sql`case ${sql.join(limits.map((limit, i) => sql`when ${sql.ref(column)} <= ${limit}::numeric then ${k - i}::int`), sql` `)} else 1 end`;
}

/** Frequency and monetary: at least limits[i] scores i + 2 (the highest limit reached wins). */
function ascendingCase(column: string, limits: (number | string)[]): RawBuilder<unknown> {
  const ordered = limits.map((limit, i) => ({ limit, score: i + 2 })).reverse();
  return sql`case ${sql.join(ordered.map(({ limit, score }) => sql`when ${sql.ref(column)} >= cast(${String(limit)} as numeric) then ${score}::int`), sql` `)} else 1 end`;
}

function segmentCase(rules: RfmSegmentRule[]): RawBuilder<unknown> {
  const conditions = rules.map((rule) => {
    const parts = (['r', 'f', 'm'] as const).filter((key) => rule[key]).map((key) => sql`${sql.ref(key)} between ${rule[key]![0]}::int and ${rule[key]![1]}::int`);
    return sql`when ${parts.length ? sql.join(parts, sql` and `) : sql`true`} then ${rule.name}`;
  });
  return sql`case ${sql.join(conditions, sql` `)} else 'other' end`;
}

function invalid(reason: string): CrmError {
  return new CrmError('CRM_ERR_INVALID_SEGMENT_CONFIG', { params: { reason } });
}
