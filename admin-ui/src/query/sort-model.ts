export interface SortKey {
  field: string;
  descending: boolean;
}

/** The API's sort parameter: `-amount,name`. */
export function sortParam(keys: SortKey[]): string | undefined {
  return keys.length ? keys.map((key) => (key.descending ? `-${key.field}` : key.field)).join(',') : undefined;
}

/** The inverse of `sortParam`: `-amount,name` → keys. */
export function parseSortParam(param: string | null | undefined): SortKey[] {
  return (param ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (part.startsWith('-') ? { field: part.slice(1), descending: true } : { field: part, descending: false }));
}

/** At most this many keys (the API's limit, `id` comes on top). */
export const MAX_SORT_KEYS = 5;

/**
 * A click on a column header: ascending → descending → unsorted. A plain click sorts by that
 * column alone; a shift-click adds it to (or cycles it within) the current keys.
 */
export function toggleSort(keys: SortKey[], field: string, additive: boolean): SortKey[] {
  const current = keys.find((key) => key.field === field);
  const next: SortKey | undefined = !current ? { field, descending: false } : current.descending ? undefined : { field, descending: true };
  if (!additive) return next ? [next] : [];
  const others = keys.filter((key) => key.field !== field);
  if (!next) return others;
  if (current) return keys.map((key) => (key.field === field ? next : key));
  return [...others, next].slice(-MAX_SORT_KEYS);
}
