import type { Core } from '@crm/core';
import type { Random } from './prng.js';

/** The field schema `metadata.addField` takes (the bench does not depend on @crm/schemas directly). */
type FieldSchema = Parameters<Core['metadata']['addField']>[2];
type Label = { 'zh-CN': string; en: string; es: string };

const label = (en: string, zh: string, es: string): Label => ({ 'zh-CN': zh, en, es });

/** Customer segments and how often each occurs: list and count scenarios filter on them. */
export const SEGMENT_WEIGHTS = {
  residential: 0.55,
  small_business: 0.2,
  commercial: 0.12,
  industrial: 0.08,
  public_sector: 0.05,
} as const;
export type Segment = keyof typeof SEGMENT_WEIGHTS;

/** Segments a list or count scenario filters on: 5–20 % of the customers each. */
export const FILTER_SEGMENTS: Segment[] = ['small_business', 'commercial', 'industrial', 'public_sector'];

/** `employee_count` is uniform in 1..MAX_EMPLOYEES; thresholds near the top match 2–10 % of the rows. */
export const MAX_EMPLOYEES = 5000;
export const EMPLOYEE_THRESHOLDS = [4500, 4650, 4800, 4900];

const CHANNELS = ['sms', 'email', 'app', 'post', 'phone'];

function choices(values: string[]): Record<string, Label> {
  return Object.fromEntries(values.map((v) => [v, label(v.replace(/_/g, ' '), v, v.replace(/_/g, ' '))]));
}

/** The 10 custom fields added to `customer`: mixed types, 3 of them indexed. */
export const CUSTOM_FIELDS: { name: string; schema: FieldSchema }[] = [
  {
    name: 'segment',
    schema: { 'x-crm-type': 'choice', 'x-crm-label': label('Segment', '客户细分', 'Segmento'), 'x-crm-choices': choices(Object.keys(SEGMENT_WEIGHTS)), 'x-crm-indexed': true },
  },
  { name: 'meter_section', schema: { 'x-crm-type': 'integer', 'x-crm-label': label('Meter section', '抄表段', 'Sección de medidor'), 'x-crm-indexed': true } },
  { name: 'account_no', schema: { 'x-crm-type': 'text', 'x-crm-label': label('Account number', '户号', 'Número de cuenta'), maxLength: 40, 'x-crm-indexed': true } },
  { name: 'credit_limit', schema: { 'x-crm-type': 'decimal', 'x-crm-label': label('Credit limit', '信用额度', 'Límite de crédito') } },
  { name: 'contract_start', schema: { 'x-crm-type': 'date', 'x-crm-label': label('Contract start', '合同开始日期', 'Inicio del contrato') } },
  { name: 'paperless', schema: { 'x-crm-type': 'boolean', 'x-crm-label': label('Paperless billing', '电子账单', 'Factura electrónica') } },
  { name: 'channels', schema: { 'x-crm-type': 'multichoice', 'x-crm-label': label('Contact channels', '联系渠道', 'Canales de contacto'), 'x-crm-choices': choices(CHANNELS) } },
  { name: 'billing_email', schema: { 'x-crm-type': 'email', 'x-crm-label': label('Billing email', '账单邮箱', 'Correo de facturación') } },
  { name: 'contact_person', schema: { 'x-crm-type': 'text', 'x-crm-label': label('Contact person', '联系人', 'Persona de contacto'), maxLength: 100 } },
  { name: 'employee_count', schema: { 'x-crm-type': 'integer', 'x-crm-label': label('Employees', '员工人数', 'Empleados') } },
] as unknown as { name: string; schema: FieldSchema }[];

const GIVEN = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Hui', 'Ana', 'Luis', 'Maria', 'John', 'Emma', 'Chen', 'Li', 'Tao', 'Xin'];
const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Garcia', 'Lopez', 'Smith', 'Brown', 'Zhou', 'Wu', 'Xu', 'Sun'];
const COMPANY_WORDS = ['Sunrise', 'Golden', 'Harbor', 'Pacific', 'Jade', 'Summit', 'River', 'Eastern', 'Delta', 'Orchid', 'Northern', 'Phoenix'];
const COMPANY_KINDS = ['Trading', 'Logistics', 'Energy', 'Motors', 'Properties', 'Foods', 'Textiles', 'Tech', 'Holdings', 'Services'];
const REGION_CITIES: Record<string, string[]> = {
  east_china: ['Shanghai', 'Hangzhou', 'Nanjing', 'Suzhou', 'Ningbo'],
  north_china: ['Beijing', 'Tianjin', 'Shijiazhuang', 'Taiyuan'],
  south_china: ['Guangzhou', 'Shenzhen', 'Xiamen', 'Nanning'],
  central_china: ['Wuhan', 'Changsha', 'Zhengzhou'],
  southwest: ['Chengdu', 'Chongqing', 'Kunming'],
  northwest: ["Xi'an", 'Lanzhou', 'Urumqi'],
  northeast: ['Shenyang', 'Harbin', 'Dalian'],
  overseas: ['Singapore', 'Madrid', 'Mexico City'],
};
const REGIONS = Object.keys(REGION_CITIES);
const INDUSTRIES = ['utilities', 'automotive', 'real_estate', 'manufacturing', 'retail', 'logistics', 'technology', 'finance', 'government', 'other'];
const SOURCES = ['referral', 'website', 'exhibition', 'cold_call', 'walk_in', 'partner', 'advertising', 'other'];
const TAGS = ['key_account', 'new_energy', 'fleet', 'investor', 'first_home', 'high_consumption', 'price_sensitive', 'repeat_buyer'];
const PRODUCT_CATEGORIES = ['electricity_service', 'vehicle', 'vehicle_service', 'apartment', 'parking', 'property_service', 'other'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const date = (r: Random, fromYear: number, toYear: number) => `${r.int(fromYear, toYear)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;
const personName = (r: Random) => `${r.pick(GIVEN)} ${r.pick(SURNAMES)}`;

/** One customer with core and custom fields; `n` makes emails and names distinct. */
export function customerRecord(r: Random, n: number): Record<string, unknown> {
  const enterprise = r.chance(0.3);
  const region = r.pick(REGIONS);
  const record: Record<string, unknown> = {
    name: enterprise ? `${r.pick(COMPANY_WORDS)} ${r.pick(COMPANY_KINDS)} ${n}` : `${personName(r)} ${n}`,
    customer_type: enterprise ? 'enterprise' : 'individual',
    industry: r.pick(INDUSTRIES),
    region,
    city: r.pick(REGION_CITIES[region]!),
    phone: `+86 1${r.int(30, 99)}${pad(r.int(0, 99_999_999), 8)}`,
    email: `customer${n}@example.com`,
    tier: r.weighted({ vip: 0.02, gold: 0.08, silver: 0.2, standard: 0.7 }),
    status: r.weighted({ prospect: 0.15, active: 0.7, inactive: 0.1, churned: 0.05 }),
    source: r.pick(SOURCES),
    annual_revenue: `${r.int(10_000, 99_999_999)}.00`,
    segment: r.weighted(SEGMENT_WEIGHTS),
    meter_section: r.int(1, 2000),
    account_no: `AC${pad(r.int(0, 999_999_999), 9)}`,
    credit_limit: `${r.int(0, 500) * 1000}.00`,
    contract_start: date(r, 2010, 2026),
    paperless: r.chance(0.6),
    channels: r.subset(CHANNELS, 0.35),
    billing_email: `billing${n}@example.org`,
    contact_person: personName(r),
    employee_count: r.int(1, MAX_EMPLOYEES),
  };
  if (r.chance(0.2)) record.tags = r.subset(TAGS, 0.2);
  return record;
}

export function productRecord(r: Random, n: number): Record<string, unknown> {
  return {
    sku: `P-${pad(n, 4)}`,
    name: `${r.pick(COMPANY_WORDS)} product ${n}`,
    category: r.pick(PRODUCT_CATEGORIES),
    unit_price: `${r.int(10, 5000)}.00`,
    active: true,
  };
}

/** One order of 1–2 lines for a known customer; amounts add up like the schema describes. */
export function orderRecord(r: Random, n: number, customerId: string, products: { id: string; price: number }[]): Record<string, unknown> {
  const lines = Array.from({ length: r.int(1, 2) }, () => {
    const product = r.pick(products);
    const quantity = r.int(1, 20);
    return { product: product.id, quantity: String(quantity), unit_price: product.price.toFixed(2), amount: (product.price * quantity).toFixed(2) };
  });
  const total = lines.reduce((sum, line) => sum + Number(line.amount), 0);
  return {
    order_no: `SO${pad(n, 9)}`,
    customer: customerId,
    order_date: date(r, 2020, 2026),
    status: r.weighted({ draft: 0.1, pending_approval: 0.05, approved: 0.1, in_execution: 0.15, completed: 0.55, cancelled: 0.05 }),
    lines,
    total_amount: total.toFixed(2),
  };
}

/** A partial update as a user would make it: one indexed and two plain fields. */
export function customerPatch(r: Random): Record<string, unknown> {
  return { meter_section: r.int(1, 2000), credit_limit: `${r.int(0, 500) * 1000}.00`, contact_person: personName(r) };
}
