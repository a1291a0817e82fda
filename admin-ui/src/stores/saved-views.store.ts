import { defineStore } from 'pinia';
import { ref } from 'vue';
import { viewsApi, type SavedView, type SavedViewChange, type SavedViewInput } from '../api/views-api';

/** The saved views of each entity's list: the user's own and the shared ones. */
export const useSavedViewsStore = defineStore('saved-views', () => {
  const byEntity = ref<Record<string, SavedView[]>>({});

  async function load(entity: string): Promise<SavedView[]> {
    const views = await viewsApi.list(entity);
    byEntity.value = { ...byEntity.value, [entity]: views };
    return views;
  }

  function find(entity: string, id: string | undefined): SavedView | undefined {
    return id ? byEntity.value[entity]?.find((view) => view.id === id) : undefined;
  }

  function put(view: SavedView): void {
    const others = (byEntity.value[view.entity] ?? []).filter((known) => known.id !== view.id);
    byEntity.value = { ...byEntity.value, [view.entity]: [...others, view].sort((a, b) => a.name.localeCompare(b.name)) };
  }

  async function create(input: SavedViewInput): Promise<SavedView> {
    const view = await viewsApi.create(input);
    put(view);
    return view;
  }

  async function update(view: SavedView, change: SavedViewChange): Promise<SavedView> {
    const saved = await viewsApi.update(view.id, change);
    put(saved);
    return saved;
  }

  async function remove(view: SavedView): Promise<void> {
    await viewsApi.remove(view.id);
    byEntity.value = { ...byEntity.value, [view.entity]: (byEntity.value[view.entity] ?? []).filter((known) => known.id !== view.id) };
  }

  return { byEntity, load, find, create, update, remove };
});
