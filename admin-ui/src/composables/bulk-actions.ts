import { errorMessage } from '../api/api-error';
import type { ApiRecord } from '../api/api-types';
import { recordsApi } from '../api/records-api';

export type BulkAction =
  | { kind: 'delete' }
  | { kind: 'set-field'; field: string; value: unknown }
  | { kind: 'change-owner'; ownerId: string };

export interface BulkRowResult {
  id: string;
  title: string;
  ok: boolean;
  message?: string;
}

/** How many requests run at once: enough to be quick, few enough not to swamp the server. */
const CONCURRENCY = 4;

function runOne(entity: string, record: ApiRecord, action: BulkAction): Promise<unknown> {
  switch (action.kind) {
    case 'delete':
      return recordsApi.remove(entity, record.id, record.version);
    case 'set-field':
      return recordsApi.update(entity, record.id, record.version, { [action.field]: action.value ?? null });
    case 'change-owner':
      return recordsApi.changeOwner(entity, record.id, record.version, action.ownerId);
  }
}

/**
 * Applies one action to each selected record, each with its own request and the version the
 * user saw (If-Match), so one refusal (a stale row, a validation rule, a permission) fails only
 * that row. Returns one result per row, in the order given.
 */
export async function runBulk(
  entity: string,
  records: ApiRecord[],
  action: BulkAction,
  titleOf: (record: ApiRecord) => string,
  onProgress: (done: number) => void = () => {},
): Promise<BulkRowResult[]> {
  const results: BulkRowResult[] = new Array(records.length);
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < records.length) {
      const index = next++;
      const record = records[index]!;
      try {
        await runOne(entity, record, action);
        results[index] = { id: record.id, title: titleOf(record), ok: true };
      } catch (caught) {
        const fields = (caught as { fields?: { message: string }[] }).fields ?? [];
        const detail = fields.map((field) => field.message).join('; ');
        results[index] = { id: record.id, title: titleOf(record), ok: false, message: detail ? `${errorMessage(caught)}: ${detail}` : errorMessage(caught) };
      }
      onProgress(++done);
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, records.length) }, worker));
  return results;
}
