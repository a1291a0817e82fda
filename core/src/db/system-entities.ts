import { EntityDefinition } from '../modules/metadata/entity-definition.entity.js';
import { EntityDefinitionVersion } from '../modules/metadata/entity-definition-version.entity.js';
import { RecordIndex } from '../modules/records/record-index.entity.js';
import { SavedView } from '../modules/views/saved-view.entity.js';
import { Department, Role, Session, User, UserRole } from '../modules/auth/organisation.entities.js';
import { Job } from '../modules/jobs/job.entity.js';
import { Notification, OutboxMessage } from '../modules/notifications/notification.entity.js';

export const systemEntities = [
  EntityDefinition,
  EntityDefinitionVersion,
  RecordIndex,
  Department,
  User,
  Role,
  UserRole,
  Session,
  Job,
  Notification,
  OutboxMessage,
  SavedView,
];
