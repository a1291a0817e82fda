import { createTestApp, type TestApp } from '@crm/core/testing';
import { sql, type Kysely } from 'kysely';

/** The error shape every 4xx/5xx answer has. */
export interface ErrorBody {
  code: string;
  message: string;
  fields: { path: string; keyword: string; message: string }[];
  details?: Record<string, unknown>;
  requestId: string;
}

export type ApiRecord = { id: string; version: number } & Record<string, unknown>;

export interface ListBody {
  data: ApiRecord[];
  page: { limit: number; has_more: boolean; next_cursor: string | null };
  total?: number;
  total_estimated?: boolean;
}

export interface Reply<T> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
  body: T;
}

interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** Sent as-is (no JSON encoding), for malformed bodies. */
  raw?: string;
  headers?: Record<string, string>;
}

/** Thin typed wrapper over `app.inject()`; bodies are parsed as JSON when there is one. */
export class Api {
  constructor(private readonly t: Pick<TestApp, 'app'>) {}

  async request<T>(options: RequestOptions): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    let payload: string | undefined = options.raw;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.t.app.inject({ method: options.method, url: options.url, headers, ...(payload === undefined ? {} : { payload }) });
    const text = res.body;
    const isJson = String(res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, headers: res.headers, text, body: (text && isJson ? JSON.parse(text) : undefined) as T };
  }

  get<T = ListBody>(url: string, headers?: Record<string, string>): Promise<Reply<T>> {
    return this.request<T>({ method: 'GET', url, ...(headers ? { headers } : {}) });
  }

  post<T = ApiRecord>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>> {
    return this.request<T>({ method: 'POST', url, body, ...(headers ? { headers } : {}) });
  }

  put<T = unknown>(url: string, body: unknown): Promise<Reply<T>> {
    return this.request<T>({ method: 'PUT', url, body });
  }

  patch<T = ApiRecord>(url: string, body: unknown, headers?: Record<string, string>): Promise<Reply<T>> {
    return this.request<T>({ method: 'PATCH', url, body, ...(headers ? { headers } : {}) });
  }

  delete<T = undefined>(url: string, headers?: Record<string, string>): Promise<Reply<T>> {
    return this.request<T>({ method: 'DELETE', url, ...(headers ? { headers } : {}) });
  }

  /** Lists with a query object; `filter` is JSON-encoded. */
  list(entity: string, query: Record<string, unknown> = {}): Promise<Reply<ListBody>> {
    return this.get<ListBody>(`/api/records/${entity}?${queryString(query)}`);
  }

  /** Bulk-creates and fails loudly unless every record was written. */
  async bulk(entity: string, records: Record<string, unknown>[]): Promise<ApiRecord[]> {
    const res = await this.post<{ data: ApiRecord[] }>(`/api/records/${entity}/bulk`, { records });
    if (res.status !== 201) throw new Error(`bulk create failed: ${res.status} ${res.text}`);
    return res.body.data;
  }
}

export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(key, typeof value === 'string' ? value : key === 'filter' ? JSON.stringify(value) : String(value));
  }
  return params.toString();
}

export interface Harness {
  t: TestApp;
  api: Api;
  db: Kysely<unknown>;
}

/** One app and throwaway database per test file (PostgreSQL or PGlite, per CRM_TEST_DRIVER). */
export async function startHarness(options: Parameters<typeof createTestApp>[0] = {}): Promise<Harness> {
  const t = await createTestApp(options);
  return { t, api: new Api(t), db: t.core.orm.em.fork().getKysely() as Kysely<unknown> };
}

/** Rows in the entity's table, counted behind the API's back (deleted ones included). */
export async function rowCount(db: Kysely<unknown>, entity: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`crm_records.${entity}`)}`.execute(db);
  return rows[0]!.n;
}

/** The stored `data` of one row, as PostgreSQL holds it. */
export async function rawData(db: Kysely<unknown>, entity: string, id: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await sql<{ data: Record<string, unknown> }>`
    select data from ${sql.table(`crm_records.${entity}`)} where id = ${id}::uuid`.execute(db);
  return rows[0]?.data;
}

export function label(en: string): { 'zh-CN': string; en: string; es: string } {
  return { 'zh-CN': `${en}（中文）`, en, es: `${en} (es)` };
}

/** Asserts the common error shape and returns the body for more checks. */
export function errorOf(reply: Reply<unknown>): ErrorBody {
  const body = reply.body as ErrorBody;
  if (typeof body?.code !== 'string' || typeof body.message !== 'string' || !Array.isArray(body.fields)) {
    throw new Error(`not an error body (${reply.status}): ${reply.text}`);
  }
  return body;
}
