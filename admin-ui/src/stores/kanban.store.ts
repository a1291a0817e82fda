import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, errorMessage, isApiError } from '../api/api-error';
import type { ApiRecord } from '../api/api-types';
import { recordsApi } from '../api/records-api';
import { choiceValues, isReferenceType, visibleField } from '../metadata/definition';
import type { FilterDocument } from '../query/filter-model';
import { useMetadataStore } from './metadata.store';

/** The column of records with no value in the field. */
export const NO_VALUE = '';
export const KANBAN_PAGE = 20;

export interface KanbanColumn {
  value: string;
  records: ApiRecord[];
  total: number;
  cursor: string | null;
  hasMore: boolean;
  loading: boolean;
  error?: string;
}

export type MoveOutcome = { ok: true } | { ok: false; reason: 'conflict' | 'invalid' | 'failed'; message: string };

/**
 * A kanban board: one column per choice of a single-choice field (and one for no value), each
 * paged by cursor on its own, so a board over 100,000 records loads a page per column.
 * Moving a card PATCHes the field with the card's version; a refusal puts the card back.
 */
export function useKanbanStore(entity: string, field: string, options: { filter: () => FilterDocument | undefined; cardFields: () => string[] }) {
  return defineStore(`kanban:${entity}:${field}`, () => {
    const metadata = useMetadataStore();
    const columns = ref<KanbanColumn[]>([]);
    /** Ids of cards whose move is being saved. */
    const saving = ref<string[]>([]);
    /** Bumped by every full load: answers to an older load are dropped. */
    let generation = 0;

    function columnFilter(value: string): FilterDocument {
      const own = value === NO_VALUE ? { [field]: { _empty: true } } : { [field]: { _eq: value } };
      const user = options.filter();
      return user ? { _and: [user, own] } : own;
    }

    function column(value: string): KanbanColumn | undefined {
      return columns.value.find((c) => c.value === value);
    }

    async function loadColumn(value: string, more = false): Promise<void> {
      const target = column(value);
      if (!target) return;
      const mine = generation;
      const def = await metadata.ensureDefinition(entity);
      const fields = [...new Set([def['x-crm-title-field'], field, ...options.cardFields()])].filter((name) => visibleField(def, name));
      const expand = fields.filter((name) => isReferenceType(visibleField(def, name)!['x-crm-type']));
      target.loading = true;
      target.error = undefined;
      try {
        const page = await recordsApi.list(entity, {
          filter: columnFilter(value),
          sort: '-updated_at',
          limit: KANBAN_PAGE,
          cursor: more ? (target.cursor ?? undefined) : undefined,
          fields,
          expand,
          total: !more,
        });
        if (mine !== generation) return;
        target.records = more ? [...target.records, ...page.data] : page.data;
        if (page.total !== undefined) target.total = page.total;
        target.cursor = page.page.next_cursor;
        target.hasMore = page.page.has_more;
      } catch (caught) {
        if (mine === generation) target.error = errorMessage(caught);
      } finally {
        if (mine === generation) target.loading = false;
      }
    }

    async function load(): Promise<void> {
      generation += 1;
      const def = await metadata.ensureDefinition(entity);
      const schema = visibleField(def, field);
      const values = schema ? choiceValues(schema) : [];
      columns.value = [...values, NO_VALUE].map((value) => ({ value, records: [], total: 0, cursor: null, hasMore: false, loading: true }));
      await Promise.all(columns.value.map((c) => loadColumn(c.value)));
    }

    /** Moves a card, saving at once; on refusal the card goes back where it was and the reason is returned. */
    async function move(recordId: string, to: string): Promise<MoveOutcome> {
      const from = columns.value.find((c) => c.records.some((r) => r.id === recordId));
      const target = column(to);
      if (!from || !target || from === target) return { ok: true };
      const index = from.records.findIndex((r) => r.id === recordId);
      const record = from.records[index]!;
      from.records.splice(index, 1);
      from.total -= 1;
      target.records.unshift({ ...record, [field]: to === NO_VALUE ? undefined : to });
      target.total += 1;
      saving.value = [...saving.value, recordId];
      try {
        const saved = await recordsApi.update(entity, recordId, record.version, { [field]: to === NO_VALUE ? null : to });
        const placed = target.records.findIndex((r) => r.id === recordId);
        // Keep the expanded references of the card; take the new version and values.
        if (placed >= 0) target.records[placed] = { ...record, ...pickScalars(saved, record), [field]: saved[field] };
        return { ok: true };
      } catch (caught) {
        // Undo the move. A reload may have landed meanwhile: never show a card twice.
        const placed = target.records.findIndex((r) => r.id === recordId);
        if (placed >= 0) {
          target.records.splice(placed, 1);
          target.total -= 1;
        }
        if (!from.records.some((r) => r.id === recordId)) {
          from.records.splice(Math.min(index, from.records.length), 0, record);
          from.total += 1;
        }
        if (isApiError(caught, 'CRM_ERR_VERSION_CONFLICT')) {
          // Someone else changed the card: show it as it is now.
          void loadColumn(from.value);
          return { ok: false, reason: 'conflict', message: caught.message };
        }
        if (caught instanceof ApiError && caught.status < 500) {
          const details = caught.fields.map((problem) => problem.message).join('; ');
          return { ok: false, reason: 'invalid', message: details ? `${caught.message}: ${details}` : caught.message };
        }
        return { ok: false, reason: 'failed', message: errorMessage(caught) };
      } finally {
        saving.value = saving.value.filter((id) => id !== recordId);
      }
    }

    return { columns, saving, load, loadColumn, move };
  })();
}

/** The saved record's plain values over the card's (expanded references stay expanded). */
function pickScalars(saved: ApiRecord, card: ApiRecord): ApiRecord {
  const merged: ApiRecord = { ...saved };
  for (const [key, value] of Object.entries(card)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && (value as { id?: unknown }).id === saved[key]) merged[key] = value;
  }
  return merged;
}

export type KanbanStore = ReturnType<typeof useKanbanStore>;
