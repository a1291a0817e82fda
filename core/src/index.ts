export { buildApp, type AppOptions } from './app.js';
export { createCore, type Core } from './core.js';
export { ensureAdministrator } from './modules/auth/bootstrap-admin.js';
export { CrmError, type FieldError } from './errors/crm-error.js';
export { errorCatalog, type ErrorCode } from './errors/error-catalog.js';
export type { RecordActor, ApiRecord, ListQuery, ListResult } from './modules/records/record-types.js';
export type { BeforeWriteEvent, AfterWriteEvent } from './modules/records/record-hooks.js';
export { buildListSql, type ListSql } from './modules/records/record-list-query.js';
export { mulberry32 } from './shared/mulberry32.js';
