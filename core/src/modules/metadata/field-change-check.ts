import { sql, type Kysely } from 'kysely';
import type { EntityDefinitionDocument, FieldSchema } from '@crm/schemas';
import { CrmError } from '../../errors/crm-error.js';
import { createRecordAjv } from '../validation/record-validator.js';
import { recordTable } from '../records/record-table.js';
import { castValue, NOT_CASTABLE } from './value-cast.js';

export interface FieldConversion {
  /** Convert stored values to the new type (text "42" → 42 and so on). */
  cast?: boolean;
  /** What to do with values that still do not fit: refuse the change (default) or clear them. */
  onInvalid?: 'refuse' | 'clear';
  /** Value written into records that lack a field that becomes required. */
  fill?: unknown;
}

export interface ConversionReport {
  converted: number;
  cleared: number;
}

const BATCH = 5000;
const SAMPLE = 10;

/**
 * Checks existing records against fields whose validation rules changed (type, choices, length,
 * required). Refuses with a report of the offending records unless a conversion is given; with
 * one, rewrites the affected values in the same transaction as the definition change.
 */
export async function checkChangedFields(
  db: Kysely<unknown>,
  before: EntityDefinitionDocument,
  after: EntityDefinitionDocument,
  conversions: Record<string, FieldConversion>,
): Promise<ConversionReport> {
  const report: ConversionReport = { converted: 0, cleared: 0 };
  const entity = after['x-crm-entity'];
  const requiredBefore = new Set(before.required ?? []);
  let locked = false;
  for (const [name, field] of Object.entries(after.properties ?? {})) {
    const previous = before.properties?.[name];
    if (!previous || field['x-crm-deleted'] === true || previous['x-crm-deleted'] === true) continue;
    const rulesChanged = validationRules(previous) !== validationRules(field);
    const becameRequired = (after.required ?? []).includes(name) && !requiredBefore.has(name);
    if (!rulesChanged && !becameRequired) continue;
    if (!locked) {
      // Writers wait while existing data is checked, so no record slips in under the old rules.
      await sql`lock table ${recordTable(entity)} in share row exclusive mode`.execute(db);
      locked = true;
    }
    const conversion = conversions[name] ?? {};
    if (rulesChanged) await convertField(db, entity, name, field, conversion, report);
    if (becameRequired) await fillMissing(db, entity, name, conversion);
  }
  return report;
}

/** The parts of a field schema that decide which values are valid (labels and layout excluded). */
function validationRules(field: FieldSchema): string {
  const rules = Object.entries(field).filter(([key]) => !key.startsWith('x-crm-') || key === 'x-crm-type');
  return JSON.stringify(Object.fromEntries(rules.sort(([a], [b]) => a.localeCompare(b))));
}

async function convertField(
  db: Kysely<unknown>,
  entity: string,
  name: string,
  field: FieldSchema,
  conversion: FieldConversion,
  report: ConversionReport,
): Promise<void> {
  const validate = createRecordAjv().compile(field);
  const invalidIds: string[] = [];
  let invalidCount = 0;
  const updates: { id: string; v: unknown }[] = [];
  let lastId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await sql<{ id: string; value: unknown }>`
      select id, data -> ${name} as value from ${recordTable(entity)}
      where data ? ${name} and id > ${lastId}::uuid order by id limit ${BATCH}`.execute(db);
    for (const row of rows) {
      if (validate(row.value)) continue;
      const cast = conversion.cast ? castValue(row.value, field['x-crm-type']) : NOT_CASTABLE;
      if (cast !== NOT_CASTABLE && validate(cast)) {
        updates.push({ id: row.id, v: cast });
        continue;
      }
      invalidCount += 1;
      if (invalidIds.length < SAMPLE) invalidIds.push(row.id);
      if (conversion.onInvalid === 'clear') updates.push({ id: row.id, v: null });
    }
    if (rows.length < BATCH) break;
    lastId = rows[rows.length - 1]!.id;
  }
  if (invalidCount > 0 && conversion.onInvalid !== 'clear') {
    throw new CrmError('CRM_ERR_TYPE_CHANGE_REFUSED', {
      params: { count: invalidCount, field: name },
      fields: [{ path: `/properties/${name}`, keyword: 'x-crm-type', message: `${invalidCount} records do not fit` }],
      details: { field: name, invalidCount, sampleIds: invalidIds, convertible: updates.length },
    });
  }
  for (let i = 0; i < updates.length; i += BATCH) {
    const batch = updates.slice(i, i + BATCH);
    await sql`update ${recordTable(entity)} t
      set data = case when x.v is null then t.data - ${name} else jsonb_set(t.data, array[${name}], x.v) end,
          version = t.version + 1, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(id uuid, v jsonb)
      where t.id = x.id`.execute(db);
  }
  report.cleared += conversion.onInvalid === 'clear' ? invalidCount : 0;
  report.converted += updates.length - (conversion.onInvalid === 'clear' ? invalidCount : 0);
}

async function fillMissing(db: Kysely<unknown>, entity: string, name: string, conversion: FieldConversion): Promise<void> {
  const { rows } = await sql<{ count: string; sample: string[] | null }>`
    select count(*)::text as count, (array_agg(id::text))[1:${SAMPLE}] as sample
    from ${recordTable(entity)} where deleted_at is null and not (data ? ${name})`.execute(db);
  const missing = Number(rows[0]?.count ?? 0);
  if (missing === 0) return;
  if (conversion.fill === undefined) {
    throw new CrmError('CRM_ERR_TYPE_CHANGE_REFUSED', {
      params: { count: missing, field: name },
      fields: [{ path: `/required`, keyword: 'required', message: `${missing} records have no value; give conversion.fill` }],
      details: { field: name, invalidCount: missing, sampleIds: rows[0]?.sample ?? [] },
    });
  }
  await sql`update ${recordTable(entity)}
    set data = jsonb_set(data, array[${name}], ${JSON.stringify(conversion.fill)}::jsonb), version = version + 1, updated_at = now()
    where deleted_at is null and not (data ? ${name})`.execute(db);
}
