import { Migration } from '@mikro-orm/migrations';

/**
 * A create's audit entry keeps the record's data as created in `snapshot` instead of a
 * before/after pair per field (every "before" of a create is empty). The history API expands it
 * back to `changes`; storing it as is lets a bulk create write its audit entries from the rows it
 * inserts, in the same statement, without sending every value a second time.
 */
export class AuditSnapshot extends Migration {
  override name = '0009-audit-snapshot';

  override up(): void {
    this.addSql(`alter table crm_audit_entry add column snapshot jsonb null`);
  }

  override down(): void {
    this.addSql(`alter table crm_audit_entry drop column snapshot`);
  }
}
