import { defineStore } from 'pinia';
import { ref } from 'vue';
import { errorMessage } from '../api/api-error';
import { searchApi, type SearchGroup } from '../api/search-api';

/** The global search: the text typed, its results grouped by entity, and the latest request only. */
export const useSearchStore = defineStore('search', () => {
  const query = ref('');
  const groups = ref<SearchGroup[]>([]);
  const loading = ref(false);
  const error = ref<string>();
  /** The text the shown results belong to (results of older keystrokes are dropped). */
  const answered = ref('');
  let seq = 0;

  async function search(text: string, limit = 5): Promise<void> {
    query.value = text;
    const trimmed = text.trim();
    const mine = ++seq;
    if (!trimmed) {
      groups.value = [];
      answered.value = '';
      loading.value = false;
      return;
    }
    loading.value = true;
    error.value = undefined;
    try {
      const found = await searchApi.search(trimmed, { limit });
      if (mine !== seq) return;
      groups.value = found;
      answered.value = trimmed;
    } catch (caught) {
      if (mine !== seq) return;
      groups.value = [];
      error.value = errorMessage(caught);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  return { query, groups, loading, error, answered, search };
});
