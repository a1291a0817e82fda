import type autocannon from 'autocannon';
import { EMPLOYEE_THRESHOLDS, FILTER_SEGMENTS } from './dataset.js';

export type Target = 'product' | 'baseline';

/** What the scenarios draw from: known ids, their versions, and valid bodies. */
export interface ScenarioData {
  getIds: string[];
  updateIds: string[];
  createBodies: Record<string, unknown>[];
  patches: Record<string, unknown>[];
  /** Reads the current version of each update id from the database. */
  loadVersions: (ids: string[]) => Promise<Map<string, number>>;
}

/** A scenario's request for one server, and what to do before each autocannon run with it. */
export interface PreparedLoad {
  request: autocannon.Request;
  /** Re-reads state the previous run may have left stale (responses cut off when a run stops). */
  beforeRun?: () => Promise<void>;
}

export interface Scenario {
  id: string;
  title: string;
  /**
   * Builds the autocannon request for one server; may read state (versions) first. `headers`
   * go with every request (the product's bearer token).
   */
  prepare: (target: Target, data: ScenarioData, headers: Record<string, string>) => Promise<PreparedLoad>;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const filterParam = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

/** Each call returns the next item, round robin, shared by all connections. */
function cycle<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

/** A GET whose path rotates over `paths`. */
function rotatingGet(paths: string[], headers: Record<string, string>): PreparedLoad {
  const next = cycle(paths);
  return { request: { method: 'GET', setupRequest: (request) => ({ ...request, method: 'GET', path: next(), headers }) } };
}

/**
 * Paths of the count scenario and of the single-client probes: the product's `total=true` (exact
 * up to its limit, estimated above) or `total=exact`; the baseline always counts exactly.
 */
export function countPaths(target: Target, total: 'true' | 'exact' = 'true'): string[] {
  return FILTER_SEGMENTS.map((segment) =>
    target === 'product'
      ? `/api/records/customer?filter=${filterParam({ segment: { _eq: segment } })}&total=${total}&limit=1`
      : `/customers/count?segment=${segment}`,
  );
}

export const SCENARIOS: Scenario[] = [
  {
    id: 'list-indexed',
    title: 'list: indexed custom-field filter + sort + page of 50',
    prepare: async (target, _data, headers) =>
      rotatingGet(
        FILTER_SEGMENTS.map((segment) =>
          target === 'product'
            ? `/api/records/customer?filter=${filterParam({ segment: { _eq: segment } })}&sort=account_no&limit=50`
            : `/customers?segment=${segment}`,
        ),
        headers,
      ),
  },
  {
    id: 'list-unindexed',
    title: 'list: non-indexed custom-field filter, page of 50',
    prepare: async (target, _data, headers) =>
      rotatingGet(
        EMPLOYEE_THRESHOLDS.map((min) =>
          target === 'product'
            ? `/api/records/customer?filter=${filterParam({ employee_count: { _gte: min } })}&limit=50`
            : `/customers/by-employees?min_employees=${min}`,
        ),
        headers,
      ),
  },
  {
    id: 'get-by-id',
    title: 'get by id',
    prepare: async (target, data, headers) =>
      rotatingGet(data.getIds.map((id) => (target === 'product' ? `/api/records/customer/${id}` : `/customers/${id}`)), headers),
  },
  {
    id: 'create',
    title: 'create',
    prepare: async (target, data, headers) => {
      const bodies = data.createBodies.map((body) => JSON.stringify(body));
      const next = cycle(bodies);
      const path = target === 'product' ? '/api/records/customer' : '/customers';
      return {
        request: { method: 'POST', setupRequest: (request) => ({ ...request, method: 'POST', path, headers: { ...headers, ...JSON_HEADERS }, body: next() }) },
      };
    },
  },
  {
    // Each request updates another record with the version it last had, so no request conflicts;
    // versions come from the database before each run and from each 2xx response during it.
    id: 'update',
    title: 'partial update (If-Match)',
    prepare: async (target, data, headers) => {
      let versions = new Map<string, number>();
      const nextId = cycle(data.updateIds);
      const nextPatch = cycle(data.patches.map((patch) => JSON.stringify(patch)));
      const prefix = target === 'product' ? '/api/records/customer/' : '/customers/';
      return {
        beforeRun: async () => {
          await new Promise((resolve) => setTimeout(resolve, 500)); // let writes cut off by the last run finish
          versions = await data.loadVersions(data.updateIds);
        },
        request: {
          method: 'PATCH',
          setupRequest: (request) => {
            const id = nextId();
            return {
              ...request,
              method: 'PATCH',
              path: prefix + id,
              headers: { ...headers, ...JSON_HEADERS, 'if-match': `"${versions.get(id) ?? 1}"` },
              body: nextPatch(),
            };
          },
          onResponse: (status, body) => {
            if (status < 200 || status >= 300) return;
            const record = JSON.parse(body) as { id: string; version: number };
            versions.set(record.id, record.version);
          },
        },
      };
    },
  },
  {
    id: 'count',
    title: 'total with an indexed filter (exact up to 10,000, estimated above)',
    prepare: async (target, _data, headers) => rotatingGet(countPaths(target), headers),
  },
];
