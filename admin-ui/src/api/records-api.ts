import type { ApiRecord, HistoryEntry, RecordPage } from './api-types';
import { http } from './http';

export interface ListParams {
  filter?: Record<string, unknown>;
  sort?: string;
  limit?: number;
  cursor?: string;
  fields?: string[];
  expand?: string[];
  total?: boolean;
}

const listPath = (entity: string) => `/records/${encodeURIComponent(entity)}`;
const recordPath = (entity: string, id: string) => `${listPath(entity)}/${encodeURIComponent(id)}`;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const recordsApi = {
  list(entity: string, params: ListParams = {}): Promise<RecordPage> {
    return http<RecordPage>('GET', listPath(entity), {
      query: {
        filter: params.filter && Object.keys(params.filter).length ? JSON.stringify(params.filter) : undefined,
        sort: params.sort,
        limit: params.limit,
        cursor: params.cursor,
        fields: params.fields?.join(','),
        expand: params.expand?.length ? params.expand.join(',') : undefined,
        total: params.total || undefined,
      },
    });
  },
  get: (entity: string, id: string, expand: string[] = []) =>
    http<ApiRecord>('GET', recordPath(entity, id), { query: { expand: expand.length ? expand.join(',') : undefined } }),
  create: (entity: string, values: Record<string, unknown>) => http<ApiRecord>('POST', listPath(entity), { body: values }),
  /** JSON merge patch of the changed fields (null clears one), refused with 409 when `version` is stale. */
  update: (entity: string, id: string, version: number, changes: Record<string, unknown>) =>
    http<ApiRecord>('PATCH', recordPath(entity, id), { body: changes, headers: ifMatch(version) }),
  remove: (entity: string, id: string, version: number) => http<void>('DELETE', recordPath(entity, id), { headers: ifMatch(version) }),
  restore: (entity: string, id: string) => http<ApiRecord>('POST', `${recordPath(entity, id)}/restore`),
  /** Moves a record to another owner (and the owner's department). */
  changeOwner: (entity: string, id: string, version: number, ownerId: string) =>
    http<ApiRecord>('PATCH', recordPath(entity, id), { body: { owner_id: ownerId }, headers: ifMatch(version) }),
  async history(entity: string, id: string): Promise<HistoryEntry[]> {
    return (await http<{ data: HistoryEntry[] }>('GET', `${recordPath(entity, id)}/history`)).data;
  },
};
