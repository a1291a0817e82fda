import { Migration } from '@mikro-orm/migrations';

/** A department's head: approvals routed "to the department head" and escalations go to them. */
export class DepartmentHeads extends Migration {
  override name = '0010-department-heads';

  override up(): void {
    this.addSql(`alter table crm_department add column head_id uuid null references crm_user(id)`);
  }

  override down(): void {
    this.addSql(`alter table crm_department drop column head_id`);
  }
}
