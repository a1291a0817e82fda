import type { LocalizedText } from '@crm/schemas';
import { http } from './http';

export interface SearchHit {
  id: string;
  title: string;
  matches: Record<string, string>;
}

export interface SearchGroup {
  entity: string;
  label: LocalizedText;
  labelPlural: LocalizedText;
  hits: SearchHit[];
  hasMore: boolean;
}

export const searchApi = {
  async search(q: string, options: { limit?: number; entities?: string[] } = {}): Promise<SearchGroup[]> {
    return (await http<{ data: SearchGroup[] }>('GET', '/search', { query: { q, limit: options.limit, entities: options.entities?.join(',') } })).data;
  },
};
