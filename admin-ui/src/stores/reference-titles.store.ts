import { defineStore } from 'pinia';
import { ref } from 'vue';
import { recordsApi } from '../api/records-api';
import { useMetadataStore } from './metadata.store';

const key = (entity: string, id: string) => `${entity}:${id}`;

/**
 * Titles of referenced records, for reference widgets that only hold an id. Lookups made in the
 * same tick are batched into one `id _in […]` query per entity.
 */
export const useReferenceTitlesStore = defineStore('reference-titles', () => {
  const titles = ref<Record<string, string>>({});
  const queued = new Map<string, Set<string>>();
  let scheduled = false;

  function remember(entity: string, record: Record<string, unknown>): void {
    const metadata = useMetadataStore();
    if (typeof record.id === 'string') titles.value[key(entity, record.id)] = metadata.titleOf(entity, record);
  }

  function titleOf(entity: string, id: string): string | undefined {
    return titles.value[key(entity, id)];
  }

  function request(entity: string, ids: string[]): void {
    const missing = ids.filter((id) => id && !(key(entity, id) in titles.value));
    if (missing.length === 0) return;
    const set = queued.get(entity) ?? new Set<string>();
    missing.forEach((id) => set.add(id));
    queued.set(entity, set);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  }

  async function flush(): Promise<void> {
    scheduled = false;
    const batches = [...queued.entries()];
    queued.clear();
    const metadata = useMetadataStore();
    await Promise.all(
      batches.map(async ([entity, set]) => {
        const ids = [...set];
        ids.forEach((id) => (titles.value[key(entity, id)] ??= id));
        try {
          const definition = await metadata.ensureDefinition(entity);
          const page = await recordsApi.list(entity, {
            filter: { id: { _in: ids } },
            limit: Math.min(ids.length, 500),
            fields: [definition['x-crm-title-field']],
          });
          page.data.forEach((record) => remember(entity, record));
        } catch {
          // Titles are a nicety: the id stays shown.
        }
      }),
    );
  }

  return { titles, remember, titleOf, request };
});
