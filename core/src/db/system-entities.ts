import { EntityDefinition } from '../modules/metadata/entity-definition.entity.js';
import { EntityDefinitionVersion } from '../modules/metadata/entity-definition-version.entity.js';
import { RecordIndex } from '../modules/records/record-index.entity.js';
import { SavedView } from '../modules/views/saved-view.entity.js';
import { Dashboard } from '../modules/reports/dashboard.entity.js';
import { GroupMember, RecordGroup, RfmModel, RfmScore } from '../modules/segments/segment.entities.js';
import { Scorecard, ScorecardQueue, ScorecardRating } from '../modules/scorecards/scorecard.entities.js';
import { ImportChunk, ImportError, ImportJob, ImportMapping } from '../modules/imports/import.entities.js';
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
  Dashboard, RecordGroup, GroupMember, RfmModel, RfmScore, Scorecard, ScorecardRating, ScorecardQueue,
  ImportJob, ImportChunk, ImportError, ImportMapping,
];
