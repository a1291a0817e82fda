// Deterministic demo dataset for the core entities: a CRM serving a power utility, car
// dealers and a real-estate developer, with Chinese and English customers. Same seed, same
// data (ids included); every record validates against schemas/entities/<entity>.schema.json.

import {
  ZH_SURNAMES,
  ZH_GIVEN,
  EN_FIRST,
  EN_LAST,
  REGION_CITIES,
  OVERSEAS_CITIES,
  ZH_PLACES,
  ZH_TRADES,
  ZH_SUFFIXES,
  EN_PREFIXES,
  EN_TRADES,
  EN_SUFFIXES,
  VERTICAL_OF,
  ZH_ROADS,
  EN_ROADS,
  CATALOG,
  INACTIVE_SKUS,
  OPP_TITLES,
  CAMPAIGNS,
  CHANNELS,
  TICKETS,
  type Lang,
  type Vertical,
} from './demo-vocabulary.js';

import { mulberry32 } from '../../shared/mulberry32.js';

export type DemoDataset = { entity: string; records: Array<{ id: string } & Record<string, unknown>> }[];
type Rec = { id: string } & Record<string, unknown>;

const COUNTS = { company: 120, individual: 180, contact: 400, opportunity: 120, quote: 60, order: 200, activity: 300, ticket: 80 };
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const SPAN_DAYS = 540; // 2024-01-01 .. 2025-06-24

function createRng(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of entries) if ((roll -= w) < 0) return value;
    return entries[entries.length - 1]![0];
  };
  const sample = <T>(items: readonly T[], n: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  };
  const uuid = (): string => {
    const b = Array.from({ length: 16 }, () => int(0, 255));
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return { next, int, pick, weighted, sample, uuid, chance: (p: number) => next() < p };
}

// ---- money: decimals travel as strings; compute in integer hundredths ----
const toHundredths = (s: string): bigint => {
  const [whole = '0', frac = ''] = s.split('.');
  return BigInt(whole + frac.padEnd(2, '0').slice(0, 2));
};
const fromHundredths = (v: bigint): string => {
  const s = v.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
};
const divRound = (num: bigint, den: bigint): bigint => (num + den / 2n) / den;
/** quantity × unit_price × (1 − discount/100), rounded half-up to 2 decimals. */
export function lineAmount(quantity: string, unitPrice: string, discountPct: string): string {
  const num = toHundredths(quantity) * toHundredths(unitPrice) * (10_000n - toHundredths(discountPct));
  return fromHundredths(divRound(num, 1_000_000n));
}
/** sum × (1 − discount/100), rounded half-up to 2 decimals. */
export function applyDiscount(sum: string, discountPct: string): string {
  return fromHundredths(divRound(toHundredths(sum) * (10_000n - toHundredths(discountPct)), 10_000n));
}
const sumAmounts = (amounts: string[]): string => fromHundredths(amounts.reduce((s, a) => s + toHundredths(a), 0n));

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const isoDateTime = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const ascii = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export function generateDemoData(seed = 42): DemoDataset {
  const rng = createRng(seed);
  const day = (from = 0, to = SPAN_DAYS): number => START + rng.int(from, to) * DAY;
  const workTime = (dayMs: number): number => dayMs + rng.int(0, 10) * 3_600_000 + rng.int(0, 59) * 60_000; // 08:00–18:59 Beijing = 00:00–10:59 UTC
  const zhName = () => { const [sp, s] = rng.pick(ZH_SURNAMES); const [gp, g] = rng.pick(ZH_GIVEN); return { name: s + g, mail: `${gp}.${sp}` }; };
  const enName = () => { const f = rng.pick(EN_FIRST); const l = rng.pick(EN_LAST); return { name: `${f} ${l}`, mail: ascii(`${f}.${l}`) }; };
  const mobile = (lang: Lang) => lang === 'zh'
    ? `+86 1${rng.pick(['38', '39', '50', '58', '86', '88'])} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`
    : `+1 (555) 01${rng.int(0, 9)}-${rng.int(1000, 9999)}`;
  const address = (city: string) => OVERSEAS_CITIES.includes(city)
    ? `${rng.int(1, 250)} ${rng.pick(EN_ROADS)}, ${city}`
    : `${city}市${rng.pick(ZH_ROADS)}${rng.int(1, 999)}号`;

  // ---- companies ----
  const companies: Rec[] = [];
  const companyMeta = new Map<string, { lang: Lang; slug: string; region: string; city: string; industry: string }>();
  const usedNames = new Set<string>();
  while (companies.length < COUNTS.company) {
    const lang: Lang = rng.chance(0.75) ? 'zh' : 'en';
    let name: string, slug: string, industry: string, region: string, city: string;
    if (lang === 'zh') {
      const [pp, place, reg, fixedCity] = rng.pick(ZH_PLACES);
      const [tp, trade, ind] = rng.pick(ZH_TRADES);
      name = place + trade + rng.pick(ZH_SUFFIXES);
      slug = `${pp}-${tp}`;
      [industry, region, city] = [ind, reg, fixedCity || rng.pick(REGION_CITIES[reg]!)];
    } else {
      const prefix = rng.pick(EN_PREFIXES);
      const [trade, ind] = rng.pick(EN_TRADES);
      name = `${prefix} ${trade} ${rng.pick(EN_SUFFIXES)}`;
      slug = ascii(`${prefix}-${trade}`).replace(/ /g, '-');
      const overseas = rng.chance(0.6);
      region = overseas ? 'overseas' : rng.pick(Object.keys(REGION_CITIES));
      [industry, city] = [ind, overseas ? rng.pick(OVERSEAS_CITIES) : rng.pick(REGION_CITIES[region]!)];
    }
    if (usedNames.has(name) || usedNames.has(slug)) continue;
    usedNames.add(name).add(slug);
    const id = rng.uuid();
    companyMeta.set(id, { lang, slug, region, city, industry });
    companies.push(compact({
      id, name, industry, city,
      unified_credit_code: region === 'overseas' ? undefined : `91${rng.int(110000, 659999)}${rng.uuid().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      employees: rng.weighted([[rng.int(10, 99), 4], [rng.int(100, 999), 4], [rng.int(1000, 20000), 2]] as const),
      website: `https://www.${slug}.example.${lang === 'zh' ? 'cn' : 'com'}`,
      phone: mobile(lang),
      address: address(city),
    }));
  }

  // ---- customers: one enterprise account per company, then individuals ----
  interface CustomerMeta { lang: Lang; vertical: Vertical; personal: boolean; domain: string; address?: string; contacts: string[]; opps: string[]; orders: string[] }
  const customers: Rec[] = [];
  const meta = new Map<string, CustomerMeta>();
  const TAGS: Record<Vertical, string[]> = { U: ['key_account', 'high_consumption', 'new_energy'], A: ['fleet', 'new_energy', 'repeat_buyer'], R: ['investor', 'first_home', 'repeat_buyer'], G: ['key_account'] };
  const common = (lang: Lang, vertical: Vertical, personal: boolean) => ({
    tier: rng.weighted([['vip', 5], ['gold', 15], ['silver', 30], ['standard', 50]] as const),
    source: rng.pick(['referral', 'website', 'exhibition', 'cold_call', 'walk_in', 'partner', 'advertising', 'other']),
    status: rng.weighted([['active', 55], ['prospect', 20], ['inactive', 15], ['churned', 10]] as const),
    credit_rating: personal ? rng.weighted([['unrated', 5], ['good', 3], ['excellent', 1]] as const) : rng.pick(['excellent', 'good', 'good', 'fair', 'poor']),
    tags: rng.sample([...TAGS[vertical], 'price_sensitive'], rng.weighted([[0, 3], [1, 4], [2, 2], [3, 1]] as const)),
    notes: rng.chance(0.35) ? rng.pick(lang === 'zh'
      ? ['倾向年度打包方案。', '老客户推荐，合作基础良好。'] : ['Prefers an annual bundle.', 'Referred by a long-standing customer.']) : undefined,
    special_notes: rng.chance(0.08) ? rng.pick(lang === 'zh'
      ? ['重要保电客户，计划停电须提前 72 小时通知。', '仅限工作日上午联系。'] : ['Critical supply: 72 h notice before planned outages.', 'Contact on weekday mornings only.']) : undefined,
  });
  for (const company of companies) {
    const c = companyMeta.get(company.id)!;
    const id = rng.uuid();
    const vertical = VERTICAL_OF[c.industry] ?? 'G';
    meta.set(id, { lang: c.lang, vertical, personal: false, domain: `${c.slug}.example.${c.lang === 'zh' ? 'cn' : 'com'}`, address: company.address as string, contacts: [], opps: [], orders: [] });
    customers.push(compact({
      id, name: company.name, customer_type: 'enterprise', company: company.id, industry: c.industry, region: c.region, city: c.city,
      address: company.address, phone: company.phone, email: `info@${meta.get(id)!.domain}`, website: company.website,
      annual_revenue: fromHundredths(BigInt(rng.int(50, 50_000)) * 10_000_000n + BigInt(rng.int(0, 9_999_999))),
      ...common(c.lang, vertical, false),
    }));
  }
  for (let i = 0; i < COUNTS.individual; i++) {
    const lang: Lang = rng.chance(0.8) ? 'zh' : 'en';
    const person = lang === 'zh' ? zhName() : enName();
    const region = lang === 'en' && rng.chance(0.5) ? 'overseas' : rng.pick(Object.keys(REGION_CITIES));
    const city = region === 'overseas' ? rng.pick(OVERSEAS_CITIES) : rng.pick(REGION_CITIES[region]!);
    const vertical = rng.weighted([['A', 40], ['R', 35], ['U', 25]] as const);
    const id = rng.uuid();
    const addr = address(city);
    meta.set(id, { lang, vertical, personal: true, domain: `example.${lang === 'zh' ? 'cn' : 'com'}`, address: addr, contacts: [], opps: [], orders: [] });
    customers.push(compact({
      id, name: person.name, customer_type: 'individual', region, city, address: addr, phone: mobile(lang),
      email: `${person.mail}${i}@example.${lang === 'zh' ? 'cn' : 'com'}`,
      company: rng.chance(0.15) ? rng.pick(companies).id : undefined,
      birthday: rng.chance(0.7) ? isoDate(Date.UTC(1955, 0, 1) + rng.int(0, 48 * 365) * DAY) : undefined,
      ...common(lang, vertical, true),
    }));
  }
  const enterprises = customers.filter((c) => c.customer_type === 'enterprise');

  // ---- contacts: a primary contact per enterprise, then extra contacts ----
  const contacts: Rec[] = [];
  const TITLES = { zh: ['总经理', '采购经理', '财务总监', '设备主管', '行政经理', '能源管理专员', '项目经理', '车队主管'], en: ['General Manager', 'Purchasing Manager', 'CFO', 'Facilities Manager', 'Office Manager', 'Energy Manager', 'Project Manager', 'Fleet Manager'] };
  const RELATIVES = { zh: ['配偶', '子女', '代理人'], en: ['Spouse', 'Son', 'Daughter', 'Agent'] };
  while (contacts.length < COUNTS.contact) {
    const customer = contacts.length < enterprises.length ? enterprises[contacts.length]! : rng.chance(0.8) ? rng.pick(enterprises) : rng.pick(customers);
    const m = meta.get(customer.id)!;
    const person = m.lang === 'zh' ? zhName() : enName();
    const id = rng.uuid();
    contacts.push(compact({
      id, name: person.name, customer: customer.id,
      title: rng.pick((m.personal ? RELATIVES : TITLES)[m.lang]),
      phone: mobile(m.lang), email: `${person.mail}${contacts.length}@${m.domain}`,
      is_primary: m.contacts.length === 0,
    }));
    m.contacts.push(id);
  }

  // ---- products ----
  const products: Rec[] = CATALOG.map(([sku, name, category, unit_price, unit]) =>
    ({ id: rng.uuid(), sku, name, category, unit_price, unit, active: !INACTIVE_SKUS.has(sku) }));
  const productsFor = (m: CustomerMeta) => CATALOG.flatMap((row, i) =>
    row[5] === m.vertical && (row[6] === '*' || row[6] === (m.personal ? 'p' : 'b')) ? [{ row, id: products[i]!.id }] : []);
  const makeLines = (m: CustomerMeta): Record<string, string>[] => {
    const choices = productsFor(m);
    const fallback = CATALOG.flatMap((row, i) => (row[5] === 'G' ? [{ row, id: products[i]!.id }] : []));
    const pool = choices.length > 0 ? choices : fallback;
    return rng.sample(pool, rng.int(1, Math.min(4, pool.length))).map(({ row, id }) => {
      const [min, max] = [Number(row[7]), Number(row[8])];
      const quantity = row[4] === 'kWh' ? fromHundredths(BigInt(rng.int(min * 100, max * 100))) : `${rng.int(min, max)}.00`;
      const discount_pct = rng.weighted([['0.00', 60], ['3.00', 10], ['5.00', 12], ['8.00', 8], ['10.00', 6], ['12.50', 4]] as const);
      return { product: id, quantity, unit_price: row[3], discount_pct, amount: lineAmount(quantity, row[3], discount_pct) };
    });
  };

  // ---- opportunities ----
  const opportunities: Rec[] = [];
  const oppMeta = new Map<string, { customer: string; stage: string; close: number }>();
  const PROBABILITY: Record<string, number> = { prospecting: 10, qualification: 25, proposal: 50, negotiation: 70, won: 100, lost: 0 };
  for (let i = 0; i < COUNTS.opportunity; i++) {
    const customer = rng.chance(0.65) ? rng.pick(enterprises) : rng.pick(customers);
    const m = meta.get(customer.id)!;
    const stage = rng.weighted([['prospecting', 20], ['qualification', 20], ['proposal', 20], ['negotiation', 15], ['won', 15], ['lost', 10]] as const);
    const [zhTitle, enTitle] = rng.pick(OPP_TITLES[m.vertical]);
    const close = day(30, SPAN_DAYS + 90);
    const id = rng.uuid();
    opportunities.push(compact({
      id, name: `${customer.name as string} - ${m.lang === 'zh' ? zhTitle : enTitle}`, customer: customer.id, stage,
      amount: sumAmounts(makeLines(m).map((l) => l.amount!)), probability: PROBABILITY[stage],
      expected_close: isoDate(close),
      lost_reason: stage === 'lost' ? rng.pick(['price', 'competitor', 'no_budget', 'timing', 'product_fit', 'no_response', 'other']) : undefined,
      campaign: rng.chance(0.4) ? rng.pick(CAMPAIGNS[m.lang]) : undefined,
    }));
    oppMeta.set(id, { customer: customer.id, stage, close });
    m.opps.push(id);
  }

  // ---- quotes: for opportunities that reached a proposal ----
  const late = opportunities.filter((o) => ['proposal', 'negotiation', 'won', 'lost'].includes(o.stage as string));
  const quoted = [...rng.sample(late, COUNTS.quote), ...rng.sample(opportunities.filter((o) => !late.includes(o)), Math.max(0, COUNTS.quote - late.length))];
  const issuedAt = new Map<string, number>();
  const quotes: Rec[] = quoted.map((opp, i) => {
    const o = oppMeta.get(opp.id)!;
    const issued = o.close - rng.int(10, 60) * DAY;
    const lines = makeLines(meta.get(o.customer)!);
    const status = o.stage === 'won' ? 'accepted' : o.stage === 'lost' ? 'rejected' : rng.weighted([['draft', 2], ['sent', 5], ['expired', 1]] as const);
    const id = rng.uuid();
    issuedAt.set(id, issued);
    return {
      id, quote_no: `QT-${isoDate(issued).replace(/-/g, '')}-${String(i + 1).padStart(4, '0')}`,
      opportunity: opp.id, customer: o.customer, status, valid_until: isoDate(issued + 30 * DAY), currency: 'CNY',
      lines, total: sumAmounts(lines.map((l) => l.amount!)),
    };
  });

  // ---- orders: accepted quotes first, then direct orders ----
  const accepted = quotes.filter((q) => q.status === 'accepted');
  const orders: Rec[] = [];
  for (let i = 0; i < COUNTS.order; i++) {
    const quote = accepted[i];
    const customerId = quote ? (quote.customer as string) : rng.pick(rng.chance(0.6) ? enterprises : customers).id;
    const m = meta.get(customerId)!;
    const lines = quote ? structuredClone(quote.lines as Record<string, string>[]) : makeLines(m);
    const discount_pct = rng.weighted([['0.00', 80], ['2.00', 8], ['3.00', 6], ['5.00', 6]] as const);
    const ordered = quote ? issuedAt.get(quote.id)! + rng.int(1, 25) * DAY : day();
    const id = rng.uuid();
    orders.push(compact({
      id, order_no: `SO-${isoDate(ordered).replace(/-/g, '')}-${String(i + 1).padStart(4, '0')}`,
      customer: customerId, quote: quote?.id, order_date: isoDate(ordered),
      status: rng.weighted([['draft', 8], ['pending_approval', 10], ['approved', 12], ['rejected', 4], ['in_execution', 18], ['completed', 40], ['cancelled', 8]] as const),
      currency: 'CNY', lines, discount_pct,
      total_amount: applyDiscount(sumAmounts(lines.map((l) => l.amount!)), discount_pct),
      payment_due: isoDate(ordered + rng.pick([15, 30, 45, 60]) * DAY),
      delivery_address: m.address,
    }));
    m.orders.push(id);
  }

  // ---- activities ----
  const activities: Rec[] = [];
  for (let i = 0; i < COUNTS.activity; i++) {
    const customer = rng.pick(customers);
    const m = meta.get(customer.id)!;
    const [channel, , zhSubjects, enSubjects] = rng.weighted(CHANNELS.map((c) => [c, c[1]] as const));
    const inboundOnly = ['counter', 'self_service', 'web', 'ivr', 'complaint'].includes(channel);
    const timed = ['call', 'visit', 'counter', 'mobile_counter'].includes(channel);
    activities.push(compact({
      id: rng.uuid(), subject: rng.pick(m.lang === 'zh' ? zhSubjects : enSubjects), channel,
      direction: inboundOnly ? 'inbound' : channel === 'visit' || channel === 'mobile_counter' ? 'outbound' : rng.pick(['inbound', 'outbound']),
      occurred_at: isoDateTime(workTime(day())), duration_minutes: timed ? rng.int(3, channel === 'visit' ? 120 : 30) : undefined,
      customer: customer.id,
      contact: m.contacts.length > 0 && rng.chance(0.7) ? rng.pick(m.contacts) : undefined,
      opportunity: m.opps.length > 0 && rng.chance(0.4) ? rng.pick(m.opps) : undefined,
      notes: rng.chance(0.3) ? (m.lang === 'zh' ? '客户反馈良好，约定下周再跟进。' : 'Positive feedback; follow up next week.') : undefined,
    }));
  }

  // ---- service tickets ----
  const tickets: Rec[] = [];
  const DUE_HOURS: Record<string, number> = { urgent: 4, high: 24, medium: 72, low: 168 };
  for (let i = 0; i < COUNTS.ticket; i++) {
    const customer = rng.pick(customers);
    const m = meta.get(customer.id)!;
    const [category, , zhSubject, zhText, enSubject, enText] = rng.pick(TICKETS.filter((t) => t[1].includes(m.vertical)));
    const priority = category === 'power_outage' ? rng.pick(['high', 'urgent']) : rng.weighted([['low', 20], ['medium', 50], ['high', 22], ['urgent', 8]] as const);
    const status = rng.weighted([['new', 10], ['assigned', 10], ['in_progress', 15], ['pending_customer', 8], ['resolved', 22], ['closed', 35]] as const);
    const opened = workTime(day());
    const done = status === 'resolved' || status === 'closed';
    tickets.push(compact({
      id: rng.uuid(), ticket_no: `TK-${isoDate(opened).replace(/-/g, '')}-${String(i + 1).padStart(5, '0')}`,
      subject: m.lang === 'zh' ? zhSubject : enSubject, category, priority, status, customer: customer.id,
      contact: m.contacts.length > 0 && rng.chance(0.6) ? rng.pick(m.contacts) : undefined,
      order: ['delivery', 'warranty', 'vehicle_repair'].includes(category) && m.orders.length > 0 ? rng.pick(m.orders) : undefined,
      description: m.lang === 'zh' ? zhText : enText,
      due_at: isoDateTime(opened + DUE_HOURS[priority]! * 3_600_000),
      resolved_at: done ? isoDateTime(opened + rng.int(1, DUE_HOURS[priority]! * 2) * 3_600_000) : undefined,
      resolution: done ? (m.lang === 'zh' ? '已派员现场处理完毕，客户确认问题解决。' : 'Handled on site; customer confirmed the issue is fixed.') : undefined,
      satisfaction: status === 'closed' ? rng.weighted([[5, 50], [4, 30], [3, 12], [2, 5], [1, 3]] as const) : undefined,
    }));
  }

  return [
    { entity: 'company', records: companies },
    { entity: 'customer', records: customers },
    { entity: 'contact', records: contacts },
    { entity: 'product', records: products },
    { entity: 'opportunity', records: opportunities },
    { entity: 'quote', records: quotes },
    { entity: 'order', records: orders },
    { entity: 'activity', records: activities },
    { entity: 'service_ticket', records: tickets },
  ];
}

/** Drops undefined values and empty lists: an absent property means empty. */
function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}
