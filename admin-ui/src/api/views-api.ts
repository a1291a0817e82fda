import { http } from './http';

/** A saved list view as the API keeps it: the records API's filter document and sort parameter. */
export interface SavedView {
  id: string;
  entity: string;
  name: string;
  shared: boolean;
  ownerId: string;
  mine: boolean;
  filter: Record<string, unknown> | null;
  sort: string | null;
  columns: string[];
  kanbanField: string | null;
  createdAt: string;
  updatedAt: string;
}

export type SavedViewInput = Pick<SavedView, 'entity' | 'name' | 'shared' | 'filter' | 'sort' | 'columns' | 'kanbanField'>;
export type SavedViewChange = Partial<Omit<SavedViewInput, 'entity'>>;

export const viewsApi = {
  async list(entity: string): Promise<SavedView[]> {
    return (await http<{ data: SavedView[] }>('GET', '/views', { query: { entity } })).data;
  },
  create: (input: SavedViewInput) => http<SavedView>('POST', '/views', { body: input }),
  update: (id: string, change: SavedViewChange) => http<SavedView>('PATCH', `/views/${encodeURIComponent(id)}`, { body: change }),
  remove: (id: string) => http<void>('DELETE', `/views/${encodeURIComponent(id)}`),
};
