export interface FieldAddResult {
  entity: string;
  rows: number;
  /** Time of each `POST /api/meta/entities/:entity/fields`, in ms. */
  addMs: number[];
  medianMs: number;
  /** Time to remove and purge each probe field again (the purge rewrites no row, but scans the table). */
  cleanupMs: number[];
}

interface Side {
  entity: string;
  rows: number;
}

/**
 * Times adding a plain (non-indexed) text field through the API to a small and a large entity,
 * alternating, after one unmeasured warm-up round. Each probe field is removed and purged
 * afterwards so the definitions end as they started.
 */
export async function measureFieldAdds(apiUrl: string, headers: Record<string, string>, small: Side, large: Side, rounds = 5): Promise<{ small: FieldAddResult; large: FieldAddResult }> {
  await probe(apiUrl, headers, small.entity, 'warmup');
  const results = { small: empty(small), large: empty(large) };
  for (let i = 0; i < rounds; i++) {
    for (const side of ['small', 'large'] as const) {
      const { addMs, cleanupMs } = await probe(apiUrl, headers, results[side].entity, String(i));
      results[side].addMs.push(addMs);
      results[side].cleanupMs.push(cleanupMs);
    }
  }
  for (const result of Object.values(results)) {
    const sorted = [...result.addMs].sort((a, b) => a - b);
    result.medianMs = sorted[Math.floor(sorted.length / 2)]!;
  }
  return results;
}

function empty(side: Side): FieldAddResult {
  return { ...side, addMs: [], medianMs: 0, cleanupMs: [] };
}

async function probe(apiUrl: string, headers: Record<string, string>, entity: string, suffix: string): Promise<{ addMs: number; cleanupMs: number }> {
  const name = `probe_${Date.now().toString(36)}_${suffix}`;
  const base = `${apiUrl}/api/meta/entities/${entity}/fields`;
  let started = performance.now();
  await call(headers, 'POST', base, {
    name,
    schema: { 'x-crm-type': 'text', 'x-crm-label': { 'zh-CN': '探针', en: 'Probe', es: 'Sonda' } },
  });
  const addMs = round(performance.now() - started);
  started = performance.now();
  await call(headers, 'DELETE', `${base}/${name}`);
  await call(headers, 'POST', `${base}/${name}/purge`);
  return { addMs, cleanupMs: round(performance.now() - started) };
}

async function call(headers: Record<string, string>, method: string, url: string, body?: unknown): Promise<void> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
}

const round = (value: number) => Math.round(value * 10) / 10;
