import { defineEntity, p } from '@mikro-orm/core';

/** An import: the uploaded file (in crm_import_chunk), its mapping and its durable progress. */
export const ImportJobSchema = defineEntity({
  name: 'ImportJob',
  tableName: 'crm_import_job',
  properties: {
    id: p.uuid().primary(),
    entity: p.string().length(40),
    fileName: p.string().length(255),
    format: p.string().length(10),
    encoding: p.string().length(20),
    sizeBytes: p.bigint('number').default(0),
    totalRows: p.integer().default(0),
    headers: p.json<string[]>(),
    sample: p.json<string[][]>(),
    mapping: p.json<Record<string, string>>().nullable(),
    mode: p.string().length(10).default('insert'),
    keyField: p.string().length(60).nullable(),
    status: p.string().length(20),
    dryRun: p.json<Record<string, unknown>>().nullable(),
    processedRows: p.integer().default(0),
    inserted: p.integer().default(0),
    updated: p.integer().default(0),
    unchanged: p.integer().default(0),
    failed: p.integer().default(0),
    attempts: p.integer().default(0),
    error: p.json<Record<string, unknown>>().nullable(),
    userId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    heartbeatAt: p.datetime().nullable(),
  },
});
export class ImportJob extends ImportJobSchema.class {}
ImportJobSchema.setClass(ImportJob);

export const ImportChunkSchema = defineEntity({
  name: 'ImportChunk',
  tableName: 'crm_import_chunk',
  properties: {
    jobId: p.uuid().primary(),
    seq: p.integer().primary(),
    data: p.blob(),
  },
});
export class ImportChunk extends ImportChunkSchema.class {}
ImportChunkSchema.setClass(ImportChunk);

export const ImportErrorSchema = defineEntity({
  name: 'ImportError',
  tableName: 'crm_import_error',
  properties: {
    jobId: p.uuid().primary(),
    phase: p.string().length(10).primary(),
    rowNo: p.integer().primary(),
    ord: p.smallint().primary(),
    columnName: p.string().length(255).nullable(),
    field: p.string().length(200).nullable(),
    code: p.string().length(60),
    message: p.text(),
  },
});
export class ImportError extends ImportErrorSchema.class {}
ImportErrorSchema.setClass(ImportError);

/** The column → field mapping last used for an entity, offered again on the next upload. */
export const ImportMappingSchema = defineEntity({
  name: 'ImportMapping',
  tableName: 'crm_import_mapping',
  properties: {
    entity: p.string().length(40).primary(),
    mapping: p.json<Record<string, string>>(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export class ImportMapping extends ImportMappingSchema.class {}
ImportMappingSchema.setClass(ImportMapping);
