import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startHarness, type ApiRecord, type Harness, type ListBody } from './support/api.js';

/**
 * 60 customers with known values; every expectation is computed here from the same data.
 * Text values are lowercase letters and digits in a fixed shape so that any collation sorts
 * them like JavaScript does.
 */
let h: Harness;
let all: ApiRecord[];

const WORDS = ['alpha', 'beta', 'gamma', 'delta'];
const TIERS = ['vip', 'gold', 'silver', 'standard'];
const REGIONS = ['east_china', 'north_china', 'south_china'];
const CITIES = ['beijing', 'chengdu', 'hangzhou', 'shanghai'];

function seed(i: number): Record<string, unknown> {
  const c: Record<string, unknown> = {
    name: i === 59 ? 'zz100%pure_co' : `${WORDS[i % 4]}${String(i).padStart(2, '0')}`,
    customer_type: i % 2 ? 'enterprise' : 'individual',
    tier: TIERS[i % 4],
  };
  if (i % 5 !== 0) c.region = REGIONS[i % 3];
  if (i % 7 !== 0) c.annual_revenue = ((i % 11 === 0 ? -1 : 1) * (((i * 7919) % 100000) / 100)).toFixed(2);
  if (i % 13 === 0) c.city = '';
  else if (i % 6 !== 0) c.city = CITIES[i % 4];
  if (i % 4 !== 3) c.tags = i % 4 === 0 ? [] : i % 4 === 1 ? ['fleet'] : ['fleet', 'investor'];
  if (i % 3 === 0) c.birthday = `${1950 + i}-0${(i % 9) + 1}-15`;
  return c;
}

beforeAll(async () => {
  h = await startHarness();
  all = await h.api.bulk('customer', Array.from({ length: 60 }, (_, i) => seed(i)));
});
afterAll(async () => {
  await h.t.close();
});

type Value = string | number | undefined;
const str = (r: ApiRecord, f: string): string | undefined => (typeof r[f] === 'string' ? (r[f] as string) : undefined);
const num = (r: ApiRecord, f: string): number | undefined => (r[f] === undefined ? undefined : Number(r[f]));
const arr = (r: ApiRecord, f: string): string[] | undefined => (Array.isArray(r[f]) ? (r[f] as string[]) : undefined);
const ids = (records: ApiRecord[]) => records.map((r) => r.id);
const sortedIds = (records: ApiRecord[]) => ids(records).sort();

async function query(filter: unknown, extra: Record<string, unknown> = {}): Promise<ListBody> {
  const res = await h.api.list('customer', { filter, limit: 500, ...extra });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function expectFilter(filter: unknown, predicate: (r: ApiRecord) => boolean): Promise<void> {
  const expected = sortedIds(all.filter(predicate));
  expect(expected.length, 'a filter that matches nothing or everything proves little').toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(all.length);
  expect(sortedIds((await query(filter)).data)).toEqual(expected);
}

describe('filter operators', () => {
  it('_eq / _neq (missing values count as "not equal")', async () => {
    await expectFilter({ tier: { _eq: 'gold' } }, (r) => r.tier === 'gold');
    await expectFilter({ region: { _neq: 'east_china' } }, (r) => r.region !== 'east_china');
    await expectFilter({ annual_revenue: { _eq: all[1]!.annual_revenue } }, (r) => r.annual_revenue === all[1]!.annual_revenue);
  });

  it('_lt / _lte / _gt / _gte compare decimals as numbers, not text', async () => {
    const rev = (r: ApiRecord) => num(r, 'annual_revenue');
    await expectFilter({ annual_revenue: { _lt: '100' } }, (r) => rev(r) !== undefined && rev(r)! < 100);
    await expectFilter({ annual_revenue: { _lte: 250.5 } }, (r) => rev(r) !== undefined && rev(r)! <= 250.5);
    await expectFilter({ annual_revenue: { _gt: '9' } }, (r) => rev(r) !== undefined && rev(r)! > 9);
    await expectFilter({ annual_revenue: { _gte: '0' } }, (r) => rev(r) !== undefined && rev(r)! >= 0);
    await expectFilter({ birthday: { _gte: '1980-01-01' } }, (r) => str(r, 'birthday') !== undefined && str(r, 'birthday')! >= '1980-01-01');
  });

  it('_between is inclusive on both ends', async () => {
    const values = all.map((r) => num(r, 'annual_revenue')).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    const [low, high] = [values[5]!, values[30]!];
    await expectFilter({ annual_revenue: { _between: [low.toFixed(2), high.toFixed(2)] } }, (r) => {
      const v = num(r, 'annual_revenue');
      return v !== undefined && v >= low && v <= high;
    });
  });

  it('_in / _nin on choices and on multi-choice lists', async () => {
    await expectFilter({ tier: { _in: ['vip', 'silver'] } }, (r) => r.tier === 'vip' || r.tier === 'silver');
    await expectFilter({ region: { _nin: ['east_china', 'south_china'] } }, (r) => r.region !== 'east_china' && r.region !== 'south_china');
    await expectFilter({ tags: { _in: ['investor', 'first_home'] } }, (r) => arr(r, 'tags')?.includes('investor') === true);
    await expectFilter({ tags: { _nin: ['investor'] } }, (r) => arr(r, 'tags')?.includes('investor') !== true);
  });

  it('_contains / _starts_with are case-insensitive and treat % and _ literally', async () => {
    await expectFilter({ name: { _contains: 'LTA' } }, (r) => String(r.name).includes('lta'));
    await expectFilter({ name: { _starts_with: 'Gam' } }, (r) => String(r.name).startsWith('gam'));
    await expectFilter({ name: { _contains: '%' } }, (r) => String(r.name).includes('%'));
    await expectFilter({ name: { _contains: 'e_c' } }, (r) => String(r.name).includes('e_c'));
    await expectFilter({ tags: { _contains: 'investor' } }, (r) => arr(r, 'tags')?.includes('investor') === true);
  });

  it('_empty: missing, empty text and empty lists', async () => {
    await expectFilter({ city: { _empty: true } }, (r) => !str(r, 'city'));
    await expectFilter({ city: { _empty: false } }, (r) => !!str(r, 'city'));
    await expectFilter({ tags: { _empty: true } }, (r) => !arr(r, 'tags')?.length);
    await expectFilter({ annual_revenue: { _empty: true } }, (r) => r.annual_revenue === undefined);
  });

  it('nested _and / _or, side-by-side conditions are and-ed', async () => {
    await expectFilter(
      { _or: [{ tier: { _eq: 'vip' } }, { _and: [{ region: { _eq: 'north_china' } }, { annual_revenue: { _gte: '300' } }] }] },
      (r) => r.tier === 'vip' || (r.region === 'north_china' && num(r, 'annual_revenue')! >= 300),
    );
    await expectFilter(
      { customer_type: { _eq: 'enterprise' }, _or: [{ city: { _in: ['beijing', 'chengdu'] } }, { tags: { _empty: true } }] },
      (r) => r.customer_type === 'enterprise' && (r.city === 'beijing' || r.city === 'chengdu' || !arr(r, 'tags')?.length),
    );
  });

  it('POST /query takes the same filter as the query string', async () => {
    const filter = { tier: { _in: ['gold', 'vip'] }, region: { _empty: false } };
    const res = await h.api.post<ListBody>('/api/records/customer/query', { filter, limit: 500 });
    expect(res.status, res.text).toBe(200);
    expect(sortedIds(res.body.data)).toEqual(sortedIds((await query(filter)).data));
  });
});

/** Expected order: PostgreSQL's (nulls largest: last ascending, first descending), then id in the last key's direction. */
function expectedOrder(records: ApiRecord[], sort: string): string[] {
  const keys = sort.split(',').map((part) => ({ field: part.replace(/^-/, ''), desc: part.startsWith('-') }));
  const value = (r: ApiRecord, field: string): Value => (field === 'annual_revenue' ? num(r, field) : str(r, field));
  const compare = (a: Value, b: Value) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1);
  const lastDesc = keys.at(-1)!.desc;
  return [...records]
    .sort((a, b) => {
      for (const key of keys) {
        const c = compare(value(a, key.field), value(b, key.field));
        if (c !== 0) return key.desc ? -c : c;
      }
      return (a.id < b.id ? -1 : 1) * (lastDesc ? -1 : 1);
    })
    .map((r) => r.id);
}

describe('sorting', () => {
  it.each(['tier,-annual_revenue', '-tier,name', 'annual_revenue', '-annual_revenue', 'city,-birthday', '-city'])('sort=%s', async (sort) => {
    const { data } = await query(undefined, { sort });
    expect(ids(data)).toEqual(expectedOrder(all, sort));
  });

  it('missing values sort last ascending and first descending', async () => {
    const missing = all.filter((r) => r.annual_revenue === undefined).length;
    const asc = (await query(undefined, { sort: 'annual_revenue' })).data;
    const desc = (await query(undefined, { sort: '-annual_revenue' })).data;
    expect(asc.slice(-missing).every((r) => r.annual_revenue === undefined)).toBe(true);
    expect(desc.slice(0, missing).every((r) => r.annual_revenue === undefined)).toBe(true);
    expect(desc[missing]?.annual_revenue).toBe(asc[asc.length - missing - 1]?.annual_revenue);
  });
});

describe('keyset paging', () => {
  async function walk(params: Record<string, unknown>): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const res = await h.api.list('customer', { ...params, limit: 7, ...(cursor ? { cursor } : {}) });
      expect(res.status, res.text).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(7);
      seen.push(...ids(res.body.data));
      if (!res.body.page.has_more) {
        expect(res.body.page.next_cursor).toBeNull();
        return seen;
      }
      expect(res.body.data).toHaveLength(7);
      cursor = res.body.page.next_cursor ?? undefined;
      expect(cursor).toBeTruthy();
    }
    throw new Error('paging did not end');
  }

  const cases: { sort: string; filter?: unknown; predicate?: (r: ApiRecord) => boolean }[] = [
    { sort: 'name' },
    { sort: '-annual_revenue' },
    { sort: 'annual_revenue' },
    { sort: 'city,-annual_revenue' },
    { sort: '-region,birthday' },
    { sort: 'tier,-name', filter: { customer_type: { _eq: 'enterprise' } }, predicate: (r) => r.customer_type === 'enterprise' },
    { sort: '-city', filter: { annual_revenue: { _gt: '100' } }, predicate: (r) => num(r, 'annual_revenue')! > 100 },
  ];
  it.each(cases)('walks every page of sort=$sort without duplicates or gaps', async ({ sort, filter, predicate }) => {
    const seen = await walk({ sort, filter });
    const expected = expectedOrder(predicate ? all.filter(predicate) : all, sort);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expected);
  });

  it('refuses a cursor used with another sort', async () => {
    const first = await h.api.list('customer', { sort: 'name', limit: 7 });
    const cursor = first.body.page.next_cursor!;
    const res = await h.api.list('customer', { sort: '-name', limit: 7, cursor });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('CRM_ERR_INVALID_CURSOR');
  });
});

describe('total and fields', () => {
  it('total=true counts every match while the page is limited', async () => {
    const filter = { tier: { _neq: 'vip' } };
    const body = (await h.api.list('customer', { filter, total: true, limit: 5 })).body;
    expect(body.total).toBe(all.filter((r) => r.tier !== 'vip').length);
    expect(body.data).toHaveLength(5);
    expect(body.page.has_more).toBe(true);
    expect((await h.api.list('customer', { limit: 5 })).body).not.toHaveProperty('total');
  });

  it('fields narrows the data fields to those asked for', async () => {
    const { data } = await query({ id: { _eq: all[8]!.id } }, { fields: 'name,tier' });
    expect(data).toHaveLength(1);
    const record = data[0]!;
    expect(record).toMatchObject({ id: all[8]!.id, version: 1, name: all[8]!.name, tier: all[8]!.tier });
    for (const field of ['region', 'city', 'tags', 'customer_type', 'annual_revenue']) expect(record).not.toHaveProperty(field);
  });
});
