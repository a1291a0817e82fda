import { Migration } from '@mikro-orm/migrations';

export class OrganisationAndAccess extends Migration {
  override name = '0003-organisation-and-access';

  override up(): void {
    this.addSql(`create table crm_department (
      id uuid primary key,
      name varchar(200) not null,
      parent_id uuid null references crm_department(id),
      -- materialized path of ids ('/<root>/<child>/'): "my department and below" is one prefix match
      path varchar(2000) not null,
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create index crm_department_path on crm_department (path varchar_pattern_ops)`);
    this.addSql(`create table crm_role (
      id uuid primary key,
      name varchar(60) not null unique,
      label jsonb not null,
      permissions jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table crm_user (
      id uuid primary key,
      username varchar(60) not null unique,
      display_name varchar(200) not null,
      email varchar(320) null,
      password_hash varchar(200) not null,
      department_id uuid null references crm_department(id),
      manager_id uuid null references crm_user(id),
      locale varchar(10) null,
      active boolean not null default true,
      failed_sign_ins integer not null default 0,
      locked_until timestamptz null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table crm_user_role (
      user_id uuid not null references crm_user(id) on delete cascade,
      role_id uuid not null references crm_role(id) on delete cascade,
      primary key (user_id, role_id)
    )`);
    this.addSql(`create table crm_session (
      id uuid primary key,
      token_hash varchar(64) not null unique,
      user_id uuid not null references crm_user(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`);
    this.addSql(`create index crm_session_user on crm_session (user_id)`);
  }

  override down(): void {
    for (const table of ['crm_session', 'crm_user_role', 'crm_user', 'crm_role', 'crm_department']) this.addSql(`drop table ${table}`);
  }
}
