import type { EntityDefinitionDocument } from '@crm/schemas';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { errorMessage } from '../api/api-error';
import type { ApiRecord, HistoryEntry } from '../api/api-types';
import { recordsApi } from '../api/records-api';
import { isReferenceType, referenceTarget, visibleFields } from '../metadata/definition';
import { useMetadataStore } from './metadata.store';
import { useOrgStore } from './org.store';

/** The entity whose records are interactions with customers, contacts, opportunities… */
export const INTERACTION_ENTITY = 'activity';
const PAGE = 20;

export type TimelineItem =
  | { kind: 'interaction'; key: string; at: string; record: ApiRecord }
  | { kind: 'change'; key: string; at: string; entry: HistoryEntry };

/** Fields of the interaction entity that point at `entity` (an activity's customer, contact…). */
export function interactionLinks(interaction: EntityDefinitionDocument | undefined, entity: string): string[] {
  if (!interaction || entity === INTERACTION_ENTITY) return [];
  return visibleFields(interaction)
    .filter(({ schema }) => isReferenceType(schema['x-crm-type']) && referenceTarget(schema) === entity)
    .map(({ name }) => name);
}

/**
 * A record's timeline: its interactions (activities pointing at it) and its changes (the audit
 * trail), newest first. Interactions page by cursor; the history comes whole.
 */
export function useTimelineStore(entity: string, id: string) {
  return defineStore(`timeline:${entity}:${id}`, () => {
    const metadata = useMetadataStore();
    const org = useOrgStore();
    const history = ref<HistoryEntry[]>([]);
    const interactions = ref<ApiRecord[]>([]);
    const cursor = ref<string | null>(null);
    const hasMore = ref(false);
    const loading = ref(false);
    const error = ref<string>();
    const links = ref<string[]>([]);

    const items = computed<TimelineItem[]>(() => {
      const all: TimelineItem[] = [
        ...interactions.value.map((record) => ({ kind: 'interaction' as const, key: `i:${record.id}`, at: String(record.occurred_at ?? record.created_at ?? ''), record })),
        ...history.value.map((entry) => ({ kind: 'change' as const, key: `c:${entry.id}`, at: entry.occurred_at, entry })),
      ];
      return all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    });

    async function loadInteractions(more: boolean): Promise<void> {
      if (!links.value.length) return;
      const page = await recordsApi.list(INTERACTION_ENTITY, {
        filter: { _or: links.value.map((field) => ({ [field]: { _eq: id } })) },
        sort: '-occurred_at',
        limit: PAGE,
        cursor: more ? (cursor.value ?? undefined) : undefined,
      });
      interactions.value = more ? [...interactions.value, ...page.data] : page.data;
      cursor.value = page.page.next_cursor;
      hasMore.value = page.page.has_more;
    }

    async function load(): Promise<void> {
      loading.value = true;
      error.value = undefined;
      try {
        const interactionDefinition = metadata.entities.some((e) => e.name === INTERACTION_ENTITY)
          ? await metadata.ensureDefinition(INTERACTION_ENTITY).catch(() => undefined)
          : undefined;
        links.value = interactionLinks(interactionDefinition, entity);
        const [entries] = await Promise.all([
          recordsApi.history(entity, id),
          loadInteractions(false),
          org.users.length ? Promise.resolve() : org.loadUsers().catch(() => undefined),
        ]);
        history.value = entries;
      } catch (caught) {
        error.value = errorMessage(caught);
      } finally {
        loading.value = false;
      }
    }

    async function more(): Promise<void> {
      loading.value = true;
      try {
        await loadInteractions(true);
      } catch (caught) {
        error.value = errorMessage(caught);
      } finally {
        loading.value = false;
      }
    }

    return { items, links, hasMore, loading, error, load, more };
  })();
}
