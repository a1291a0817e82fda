import { sql, type RawBuilder } from 'kysely';
import { CrmError } from '../../errors/crm-error.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel, FieldModel } from '../metadata/entity-model.js';
import { fieldExpression } from '../records/field-sql.js';
import { buildFilterSql } from '../records/record-filter.js';
import { recordTable } from '../records/record-table.js';
import type { HistorySource, ScorecardDefinition } from './scorecard-types.js';

const NUMERIC = new Set(['integer', 'decimal']);
const DATES = new Set(['date', 'datetime']);

/**
 * One query for a batch of records: each indicator's raw value, as text. History indicators are
 * correlated subqueries over the related entity (its unqualified `data` is the related row's), so
 * each runs on that entity's rows of the one record, using the reference field's index when it has one.
 */
export function indicatorValuesSql(registry: DefinitionRegistry, model: EntityModel, definition: ScorecardDefinition, ids: string[]): RawBuilder<Record<string, string | null>> {
  const columns = definition.indicators.map((indicator, i) => {
    const source = indicator.source;
    let value: RawBuilder<unknown>;
    if (source.kind === 'field') {
      const field = model.fields.get(source.field)!;
      value = field.sqlKind === 'boolean' ? sql`(case when ${fieldExpression(field)} then 1 else 0 end)` : fieldExpression(field);
    } else if (source.kind === 'history') {
      value = historyValue(registry, source);
    } else {
      value = sql`(${historyValue(registry, source.numerator)})::numeric / nullif((${historyValue(registry, source.denominator)})::numeric, 0)`;
    }
    return sql`(${value})::text as ${sql.id(`v${i}`)}`;
  });
  return sql<Record<string, string | null>>`
    select t.id, ${sql.join(columns)} from ${recordTable(model.name)} as t
    where t.id = any(${ids}::uuid[]) and t.deleted_at is null`;
}

function historyValue(registry: DefinitionRegistry, source: HistorySource): RawBuilder<unknown> {
  const related = registry.get(source.entity);
  const via = related.fields.get(source.via)!;
  const conditions = [sql`deleted_at is null`, sql`${fieldExpression(via)} = t.id::text`];
  const filter = buildFilterSql(related, source.filter);
  if (filter) conditions.push(filter);
  if (source.windowDays) {
    const dateField = source.dateField ? related.fields.get(source.dateField)! : undefined;
    conditions.push(dateField?.type === 'date'
      ? sql`(${fieldExpression(dateField)})::date > current_date - ${source.windowDays}::int`
      : sql`${dateField ? sql`(${fieldExpression(dateField)})::timestamptz` : sql`created_at`} > now() - make_interval(days => ${source.windowDays}::int)`);
  }
  const field = source.field ? related.fields.get(source.field) : undefined;
  const expr = field ? fieldExpression(field) : undefined;
  const aggregate = (() => {
    switch (source.aggregate) {
      case 'count': return sql`count(*)`;
      case 'sum': return sql`coalesce(sum(${expr!}), 0)`;
      case 'avg': return sql`avg(${expr!})`;
      case 'min': return sql`min(${expr!})`;
      case 'max': return sql`max(${expr!})`;
      case 'days_since_max':
        return field!.type === 'date'
          ? sql`current_date - max((${expr!})::date)`
          : sql`floor(extract(epoch from now() - max((${expr!})::timestamptz)) / 86400)`;
    }
  })();
  return sql`(select ${aggregate} from ${recordTable(related.name)} where ${sql.join(conditions, sql` and `)})`;
}

/** Checks a definition against the live entity definitions; the reason names what is wrong. */
export function checkDefinition(registry: DefinitionRegistry, model: EntityModel, definition: ScorecardDefinition): void {
  const keys = new Set<string>();
  if (definition.indicators.length === 0) throw invalid('a scorecard needs at least one indicator');
  for (const indicator of definition.indicators) {
    if (keys.has(indicator.key)) throw invalid(`two indicators are named "${indicator.key}"`);
    keys.add(indicator.key);
    if (!(indicator.weight > 0)) throw invalid(`indicator "${indicator.key}" needs a positive weight`);
    const source = indicator.source;
    if (source.kind === 'field') {
      const field = model.fields.get(source.field);
      if (!field || !(NUMERIC.has(field.type) || field.type === 'choice' || field.type === 'boolean')) {
        throw invalid(`indicator "${indicator.key}": "${source.field}" must be a number, choice or yes/no field of ${model.name}`);
      }
      if (field.type === 'choice' && !('choices' in indicator.scoring)) throw invalid(`indicator "${indicator.key}" reads a choice: score it by choices`);
    } else if (source.kind === 'history') {
      checkHistory(registry, model, source, indicator.key);
    } else {
      checkHistory(registry, model, source.numerator, indicator.key);
      checkHistory(registry, model, source.denominator, indicator.key);
    }
    const scoring = indicator.scoring;
    if ('bands' in scoring && scoring.bands.length === 0) throw invalid(`indicator "${indicator.key}" has no bands`);
    if ('linear' in scoring && scoring.linear.from === scoring.linear.to) throw invalid(`indicator "${indicator.key}": linear needs from ≠ to`);
  }
  const ratings = new Set<string>();
  for (const threshold of definition.thresholds) {
    if (ratings.has(threshold.rating)) throw invalid(`the rating "${threshold.rating}" appears twice`);
    ratings.add(threshold.rating);
  }
  if (!definition.thresholds.some((t) => t.minScore === 0)) throw invalid('the lowest rating needs minScore 0, so that every score has a rating');
  const target = model.fields.get(definition.ratingField);
  if (!target || (target.type !== 'text' && target.type !== 'choice')) throw invalid(`ratingField "${definition.ratingField}" must be a text or choice field of ${model.name}`);
  if (target.type === 'choice') {
    const allowed = new Set((target.schema.enum ?? []) as string[]);
    const missing = [...ratings].filter((r) => !allowed.has(r));
    if (missing.length) throw invalid(`the choices of "${target.name}" lack ${missing.join(', ')}`);
  }
  if (definition.scoreField) {
    const score = model.fields.get(definition.scoreField);
    if (!score || !NUMERIC.has(score.type)) throw invalid(`scoreField "${definition.scoreField}" must be a decimal or integer field`);
  }
}

function checkHistory(registry: DefinitionRegistry, model: EntityModel, source: HistorySource, key: string): void {
  const related = registry.find(source.entity);
  if (!related) throw invalid(`indicator "${key}": unknown entity "${source.entity}"`);
  const via = related.fields.get(source.via);
  if (!via || via.type !== 'reference' || via.ref !== model.name) throw invalid(`indicator "${key}": "${source.via}" must be a reference from ${related.name} to ${model.name}`);
  const need = (name: string | undefined, types: Set<string>, what: string): FieldModel | undefined => {
    if (name === undefined) return undefined;
    const field = related.fields.get(name);
    if (!field || !types.has(field.type)) throw invalid(`indicator "${key}": ${what} "${name}" must be a ${[...types].join(' or ')} field of ${related.name}`);
    return field;
  };
  if (source.aggregate !== 'count' && !source.field) throw invalid(`indicator "${key}": ${source.aggregate} needs a field`);
  need(source.field, source.aggregate === 'days_since_max' ? DATES : NUMERIC, 'field');
  need(source.dateField, DATES, 'dateField');
  buildFilterSql(related, source.filter);
}

function invalid(reason: string): CrmError {
  return new CrmError('CRM_ERR_INVALID_SEGMENT_CONFIG', { params: { reason } });
}
