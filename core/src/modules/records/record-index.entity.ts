import { defineEntity, p } from '@mikro-orm/core';

/** `deferred`: dropped for a bulk load, rebuilt when it ends. */
export type RecordIndexStatus = 'building' | 'ready' | 'failed' | 'dropping' | 'deferred';

/** State of the expression index behind a field marked `x-crm-indexed`. */
export const RecordIndexSchema = defineEntity({
  name: 'RecordIndex',
  tableName: 'crm_record_index',
  properties: {
    entity: p.string().length(40).primary(),
    field: p.string().length(63).primary(),
    indexName: p.string().length(63),
    status: p.string().length(16).$type<RecordIndexStatus>(),
    error: p.text().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class RecordIndex extends RecordIndexSchema.class {}
RecordIndexSchema.setClass(RecordIndex);
