export { buildApp, type AppOptions } from './app.js';
export { createCore, type Core, type CoreOptions } from './core.js';
export { ensureAdministrator } from './modules/auth/bootstrap-admin.js';
export { CrmError, type FieldError } from './errors/crm-error.js';
export { errorCatalog, type ErrorCode } from './errors/error-catalog.js';
export type { RecordActor, ApiRecord, ListQuery, ListResult } from './modules/records/record-types.js';
export type { BeforeWriteEvent, AfterWriteEvent } from './modules/records/record-hooks.js';
export { buildListSql, type ListSql } from './modules/records/record-list-query.js';
export type { BulkLoadOptions, BulkLoadResult } from './modules/records/record-bulk-load.js';
export type { HookOptions } from './modules/records/record-hooks.js';
export { mulberry32 } from './shared/mulberry32.js';
export { loadLookups } from './modules/rules/expression/load-lookups.js';
export { systemClock, ManualClock, type Clock } from './shared/clock.js';
export { createLogger, silentLogger, type Logger } from './shared/logger.js';
export type { Db } from './db/db-handle.js';
export type { DatabaseOptions, Em, Orm } from './db/create-orm.js';
export type { JobsService } from './modules/jobs/jobs.service.js';
export type {
  Backoff,
  EveryOptions,
  JobContext,
  JobDefinitionOptions,
  JobFailure,
  JobHandler,
  JobInfo,
  JobList,
  JobListQuery,
  JobStatus,
  JobView,
  RunDueResult,
  ScheduleOptions,
} from './modules/jobs/job-types.js';
export type { NotificationService } from './modules/notifications/notification.service.js';
export type { OutboxService, OutboxOptions } from './modules/notifications/outbox.service.js';
export { OUTBOX_DELIVERY_JOB } from './modules/notifications/outbox.service.js';
export { logChannel } from './modules/notifications/log-channel.js';
export type {
  MessageChannel,
  NotificationLink,
  NotificationList,
  NotificationView,
  NotifyInput,
  OutboxList,
  OutboxListQuery,
  OutboxView,
  OutgoingMessage,
  Recipient,
  SendInput,
} from './modules/notifications/notification-types.js';
export type { OutboxStatus } from './modules/notifications/notification.entity.js';
export type { Locale, LocalizedText } from './i18n/locale.js';
export {
  ActionRegistry, actingFor, expressionUser, fillTemplate, participantSchema,
  type ActionCheckContext, type ActionContext, type ActionRecord, type ActionRoots, type ActionSpec, type ActionType,
} from './modules/actions/index.js';
export { resolveParticipants, PARTICIPANT_KINDS, type ParticipantContext, type ParticipantSpec } from './modules/auth/participants.js';
export { SYSTEM_ACTOR, type WriteOptions } from './modules/records/records.service.js';
