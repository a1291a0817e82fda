import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApiRecord } from '../api/api-types';
import { recordsApi } from '../api/records-api';
import { errorMessage, isApiError } from '../api/api-error';
import { defaultColumns, isReferenceType, visibleField } from '../metadata/definition';
import { currentCursor, firstPage, nextPage, pageNumber, previousPage } from '../query/cursor-pager';
import { buildFilter, type FilterCondition, type FilterDocument } from '../query/filter-model';
import { conditionsFromFilter } from '../query/filter-document';
import { parseSortParam, sortParam, toggleSort, type SortKey } from '../query/sort-model';
import type { SavedView } from '../api/views-api';
import { loadColumnChoice, saveColumnChoice } from './column-preferences';
import { useMetadataStore } from './metadata.store';
import { useSessionStore } from './session.store';

export const PAGE_SIZES = [10, 20, 50, 100] as const;

export interface RecordListOptions {
  /** A condition every row must meet (a related list's "customer = this one"). */
  baseFilter?: FilterDocument;
  /** Remember the column choice per entity (the main list does, related lists do not). */
  rememberColumns?: boolean;
  pageSize?: number;
}

/**
 * The records of one list view: columns, sort, filter conditions, cursor paging. One store per
 * view id, so the main list of an entity and its related lists elsewhere keep separate state.
 */
export function useRecordListStore(viewId: string, entity: string, options: RecordListOptions = {}) {
  return defineStore(`record-list:${viewId}`, () => {
    const metadata = useMetadataStore();
    const userId = useSessionStore().user?.id;
    const rows = ref<ApiRecord[]>([]);
    const total = ref<number | undefined>();
    const totalEstimated = ref(false);
    const hasMore = ref(false);
    const nextCursor = ref<string | null>(null);
    const loading = ref(false);
    const error = ref<string | undefined>();
    const sort = ref<SortKey[]>([]);
    const conditions = ref<FilterCondition[]>([]);
    const pageSize = ref(options.pageSize ?? 20);
    const pager = ref(firstPage());
    const chosenColumns = ref<string[] | undefined>(options.rememberColumns ? loadColumnChoice(entity, userId) : undefined);
    /** A saved view's filter the builder cannot show as rows (it has `_or`): applied as it is. */
    const advancedFilter = ref<FilterDocument | undefined>();
    /** The rows picked for a bulk action (on the current page). */
    const selected = ref<ApiRecord[]>([]);
    let requestSeq = 0;

    const definition = computed(() => metadata.definitions[entity]);
    const columns = computed(() => {
      const def = definition.value;
      if (!def) return [];
      return (chosenColumns.value ?? defaultColumns(def)).filter((name) => visibleField(def, name));
    });
    const page = computed(() => pageNumber(pager.value));
    /** The user's part of the filter (what a saved view keeps). */
    const userFilter = computed<FilterDocument | undefined>(() => {
      const built = buildFilter(conditions.value);
      if (advancedFilter.value && built) return { _and: [advancedFilter.value, built] };
      return advancedFilter.value ?? built;
    });
    const filter = computed(() => {
      const user = userFilter.value;
      if (options.baseFilter && user) return { _and: [options.baseFilter, user] };
      return options.baseFilter ?? user;
    });

    async function load(): Promise<void> {
      const seq = ++requestSeq;
      loading.value = true;
      error.value = undefined;
      try {
        const def = await metadata.ensureDefinition(entity);
        const fields = [...new Set([...columns.value, def['x-crm-title-field']])];
        const expand = columns.value.filter((name) => {
          const schema = visibleField(def, name);
          return schema && isReferenceType(schema['x-crm-type']);
        });
        const result = await recordsApi.list(entity, {
          filter: filter.value,
          sort: sortParam(sort.value),
          limit: pageSize.value,
          cursor: currentCursor(pager.value),
          fields,
          expand,
          total: true,
        });
        if (seq !== requestSeq) return;
        rows.value = result.data;
        selected.value = [];
        total.value = result.total;
        totalEstimated.value = result.total_estimated === true;
        hasMore.value = result.page.has_more;
        nextCursor.value = result.page.next_cursor;
      } catch (caught) {
        if (seq !== requestSeq) return;
        rows.value = [];
        hasMore.value = false;
        error.value = errorMessage(caught);
        if (isApiError(caught, 'CRM_ERR_INVALID_CURSOR')) pager.value = firstPage();
      } finally {
        if (seq === requestSeq) loading.value = false;
      }
    }

    function restart(): Promise<void> {
      pager.value = firstPage();
      return load();
    }

    function next(): Promise<void> {
      if (!hasMore.value || !nextCursor.value) return Promise.resolve();
      pager.value = nextPage(pager.value, nextCursor.value);
      return load();
    }

    function previous(): Promise<void> {
      if (page.value <= 1) return Promise.resolve();
      pager.value = previousPage(pager.value);
      return load();
    }

    function sortBy(field: string, additive: boolean): Promise<void> {
      sort.value = toggleSort(sort.value, field, additive);
      return restart();
    }

    function setConditions(next: FilterCondition[]): Promise<void> {
      conditions.value = next;
      return restart();
    }

    function setPageSize(size: number): Promise<void> {
      pageSize.value = size;
      return restart();
    }

    function setColumns(next: string[] | undefined): Promise<void> {
      chosenColumns.value = next;
      if (options.rememberColumns) saveColumnChoice(entity, next, userId);
      return load();
    }

    /** Shows a saved view (its filter, sort and columns), or the default list for none. */
    function applyView(view: SavedView | undefined): Promise<void> {
      if (!view) {
        conditions.value = [];
        advancedFilter.value = undefined;
        sort.value = [];
        chosenColumns.value = options.rememberColumns ? loadColumnChoice(entity, userId) : undefined;
        return restart();
      }
      const rowsOfFilter = conditionsFromFilter(view.filter);
      conditions.value = rowsOfFilter ?? [];
      advancedFilter.value = rowsOfFilter ? undefined : (view.filter ?? undefined);
      sort.value = parseSortParam(view.sort);
      chosenColumns.value = view.columns.length ? [...view.columns] : undefined;
      return restart();
    }

    /** What "save view" stores: the list as it is shown now. */
    function viewState() {
      return { filter: userFilter.value ?? null, sort: sortParam(sort.value) ?? null, columns: [...columns.value] };
    }

    function setSelected(next: ApiRecord[]): void {
      selected.value = next;
    }

    return {
      entity,
      rows, total, totalEstimated, hasMore, loading, error, sort, conditions, advancedFilter, pageSize, page, columns, chosenColumns, filter, selected,
      load, restart, next, previous, sortBy, setConditions, setPageSize, setColumns, applyView, viewState, setSelected,
    };
  })();
}

export type RecordListStore = ReturnType<typeof useRecordListStore>;
