import type { MigrationObject } from '@mikro-orm/core';
import { MetadataTables } from './0001-metadata-tables.js';
import { AuditTrail } from './0002-audit-trail.js';
import { OrganisationAndAccess } from './0003-organisation-and-access.js';
import { DefinitionKeyOrder } from './0004-definition-key-order.js';
import { AuditSnapshot } from './0009-audit-snapshot.js';
import { DepartmentHeads } from './0010-department-heads.js';
import { Jobs } from './0005-jobs.js';
import { Notifications } from './0006-notifications.js';
import { AnalysisAndImport } from './0007-analysis-and-import.js';
import { SavedViews } from './0008-saved-views.js';

/** System-table migrations in order. Record tables are created at run time, not here. */
export const migrations: MigrationObject[] = [
  { name: '0001-metadata-tables', class: MetadataTables },
  { name: '0002-audit-trail', class: AuditTrail },
  { name: '0003-organisation-and-access', class: OrganisationAndAccess },
  { name: '0004-definition-key-order', class: DefinitionKeyOrder },
  { name: '0010-department-heads', class: DepartmentHeads },
  { name: '0005-jobs', class: Jobs },
  { name: '0006-notifications', class: Notifications },
  { name: '0007-analysis-and-import', class: AnalysisAndImport },
  { name: '0008-saved-views', class: SavedViews },
  { name: '0009-audit-snapshot', class: AuditSnapshot },
];
