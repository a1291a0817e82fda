import { CORE_ENTITY_NAMES, coreEntitySchemas, type EntityDefinitionDocument } from '@crm/schemas';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../demo-data.js';

const addFormats = addFormatsModule.default ?? addFormatsModule;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

const data = generateDemoData();
const byEntity = new Map(data.map((d) => [d.entity, d.records]));
const schemaOf = new Map(coreEntitySchemas.map((s) => [s['x-crm-entity'], s]));
const recordsOf = (entity: string) => byEntity.get(entity) ?? [];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Exact decimal arithmetic in 1/10^8 units, independent of the generator's own helpers. */
const units = (s: string): bigint => {
  const [whole = '0', frac = ''] = s.split('.');
  return BigInt(whole + frac.padEnd(8, '0'));
};
const round2 = (v: bigint, scale: bigint): string => {
  const h = (v + scale / 2n) / scale;
  const t = h.toString().padStart(3, '0');
  return `${t.slice(0, -2)}.${t.slice(-2)}`;
};
type Line = { quantity: string; unit_price: string; discount_pct?: string; amount: string };
// quantity (1e8) × price (1e8) × (100% − discount) (1e8, in percent) = yuan × 1e26 = hundredths × 1e24
const expectedAmount = (l: Line) =>
  round2(units(l.quantity) * units(l.unit_price) * (100n * 10n ** 8n - units(l.discount_pct ?? '0')), 10n ** 24n);

/** Every [record path, referenced id, target entity] in a record, including inside lines. */
function references(doc: EntityDefinitionDocument, record: Record<string, unknown>): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const [name, field] of Object.entries(doc.properties)) {
    const value = record[name];
    if (value === undefined) continue;
    if (field['x-crm-type'] === 'reference') out.push([name, value as string, field['x-crm-ref']]);
    if (field['x-crm-type'] === 'references') for (const v of value as string[]) out.push([name, v, field['x-crm-ref']]);
    if (field['x-crm-type'] === 'lines') {
      (value as Record<string, unknown>[]).forEach((line, i) => {
        for (const [lineName, lineField] of Object.entries(field.items.properties)) {
          if (lineField['x-crm-type'] === 'reference' && line[lineName] !== undefined) {
            out.push([`${name}[${i}].${lineName}`, line[lineName] as string, lineField['x-crm-ref']]);
          }
        }
      });
    }
  }
  return out;
}

describe('generateDemoData', () => {
  it('lists every core entity once, in dependency order', () => {
    expect(data.map((d) => d.entity)).toEqual([...CORE_ENTITY_NAMES]);
  });

  it('has realistic volumes', () => {
    const counts = Object.fromEntries(data.map((d) => [d.entity, d.records.length]));
    expect(counts).toEqual({
      company: 120, customer: 300, contact: 400, product: 40, opportunity: 120,
      quote: 60, order: 200, activity: 300, service_ticket: 80,
    });
  });

  it('is deterministic for a seed and varies between seeds', () => {
    expect(generateDemoData(42)).toEqual(data);
    expect(generateDemoData(7)).toEqual(generateDemoData(7));
    expect(generateDemoData(7)[1]!.records[0]).not.toEqual(data[1]!.records[0]);
  });

  it('gives every record a unique UUID v4 id', () => {
    const ids = data.flatMap((d) => d.records.map((r) => r.id));
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(CORE_ENTITY_NAMES.map((n) => [n]))('every %s record validates against its entity schema', (entity) => {
    const validate = ajv.compile(schemaOf.get(entity)!);
    const failures: unknown[] = [];
    for (const { id, ...fields } of recordsOf(entity)) {
      if (!validate(fields)) failures.push({ id, errors: validate.errors });
    }
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('points every reference at a generated record of the referenced entity', () => {
    const idsOf = new Map(data.map((d) => [d.entity, new Set(d.records.map((r) => r.id))]));
    const bad: string[] = [];
    let checked = 0;
    for (const { entity, records } of data) {
      for (const record of records) {
        for (const [path, id, target] of references(schemaOf.get(entity)!, record)) {
          checked++;
          if (!idsOf.get(target)?.has(id)) bad.push(`${entity} ${record.id} ${path} -> ${target} ${id}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
  });

  it('computes line amounts and totals exactly', () => {
    for (const quote of recordsOf('quote')) {
      const lines = quote.lines as Line[];
      for (const line of lines) expect(line.amount).toBe(expectedAmount(line));
      expect(quote.total).toBe(round2(lines.reduce((s, l) => s + units(l.amount), 0n), 10n ** 6n));
    }
    for (const order of recordsOf('order')) {
      const lines = order.lines as Line[];
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(4);
      for (const line of lines) expect(line.amount).toBe(expectedAmount(line));
      const sum = lines.reduce((s, l) => s + units(l.amount), 0n);
      expect(order.total_amount).toBe(round2(sum * (100n * 10n ** 8n - units(order.discount_pct as string)), 10n ** 16n));
    }
  });

  it('keeps records consistent with each other', () => {
    const customers = new Map(recordsOf('customer').map((c) => [c.id, c]));
    const quotes = new Map(recordsOf('quote').map((q) => [q.id, q]));
    const opportunities = new Map(recordsOf('opportunity').map((o) => [o.id, o]));
    for (const order of recordsOf('order').filter((o) => o.quote)) {
      const quote = quotes.get(order.quote as string)!;
      expect(quote.status).toBe('accepted');
      expect(order.customer).toBe(quote.customer);
      expect(order.lines).toEqual(quote.lines);
    }
    for (const quote of quotes.values()) expect(opportunities.get(quote.opportunity as string)!.customer).toBe(quote.customer);
    const contacts = new Map(recordsOf('contact').map((c) => [c.id, c]));
    for (const record of [...recordsOf('activity'), ...recordsOf('service_ticket')]) {
      if (record.contact) expect(contacts.get(record.contact as string)!.customer).toBe(record.customer);
    }
    const names = [...customers.values()].map((c) => c.name as string);
    expect(names.filter((n) => /[\u4e00-\u9fff]/.test(n)).length).toBeGreaterThan(150);
    expect(names.filter((n) => /^[A-Za-z]/.test(n)).length).toBeGreaterThan(30);
    expect(new Set(recordsOf('activity').map((a) => a.channel)).size).toBe(12);
  });
});
