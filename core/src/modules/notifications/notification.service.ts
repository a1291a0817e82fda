import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Orm } from '../../db/create-orm.js';
import { kyselyOf, type Db } from '../../db/db-handle.js';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import { localize, type Locale, type LocalizedText } from '../../i18n/locale.js';
import type { Clock } from '../../shared/clock.js';
import { checkLocalizedText, checkPlainObject, checkUuid, iso, isoOrNull } from './message-input.js';
import type { NotificationList, NotificationView, NotifyInput } from './notification-types.js';

const KIND = /^[a-z][a-z0-9_.-]{0,59}$/;
const ENTITY = /^[a-z][a-z0-9_]{1,39}$/;
export const MAX_NOTIFICATION_PAGE = 100;

interface NotificationRow {
  id: string;
  kind: string;
  title: LocalizedText;
  body: LocalizedText | null;
  link_entity: string | null;
  link_id: string | null;
  data: Record<string, unknown>;
  read_at: Date | string | null;
  created_at: Date | string;
}

/** In-app notifications: written in the caller's transaction, read by their recipient only. */
export class NotificationService {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

  /** Puts a notification on each user's desk, in `db` (it exists only if the caller's transaction commits). Returns the ids. */
  async notify(input: NotifyInput, db?: Db): Promise<string[]> {
    const userIds = checkNotifyInput(input);
    if (userIds.length === 0) return [];
    const conn = kyselyOf(db, this.orm);
    await assertUsersExist(conn, userIds, input.userIds);
    const now = this.clock.now();
    const rows = userIds.map((userId) => ({
      id: uuidv7(),
      user_id: userId,
      kind: input.kind,
      title: input.title,
      body: input.body ?? null,
      link_entity: input.link?.entity ?? null,
      link_id: input.link?.id ?? null,
      data: input.data ?? {},
    }));
    await sql`insert into crm_notification (id, user_id, kind, title, body, link_entity, link_id, data, created_at)
      select id, user_id, kind, title, body, link_entity, link_id, data, ${now}
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(id uuid, user_id uuid, kind varchar, title jsonb, body jsonb, link_entity varchar, link_id uuid, data jsonb)`.execute(conn);
    return rows.map((row) => row.id);
  }

  /** The user's notifications, unread first, newest first; texts in `locale`. */
  async list(userId: string, locale: Locale, query: { unread?: boolean; limit?: number; offset?: number } = {}): Promise<NotificationList> {
    const db = kyselyOf(undefined, this.orm);
    const limit = Math.min(Math.max(query.limit ?? 20, 1), MAX_NOTIFICATION_PAGE);
    const offset = Math.max(query.offset ?? 0, 0);
    const unreadOnly = query.unread ? sql`and read_at is null` : sql``;
    const [{ rows }, counts] = await Promise.all([
      sql<NotificationRow>`select id, kind, title, body, link_entity, link_id, data, read_at, created_at
        from crm_notification where user_id = ${userId} ${unreadOnly}
        order by (read_at is not null), created_at desc, id desc
        limit ${limit + 1} offset ${offset}`.execute(db),
      sql<{ unread: number; total: number }>`select count(*) filter (where read_at is null)::int as unread, count(*)::int as total
        from crm_notification where user_id = ${userId}`.execute(db),
    ]);
    const { unread = 0, total = 0 } = counts.rows[0] ?? {};
    return {
      data: rows.slice(0, limit).map((row) => toView(row, locale)),
      page: { limit, offset, has_more: rows.length > limit },
      unread,
      total: query.unread ? unread : total,
    };
  }

  async unreadCount(userId: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from crm_notification where user_id = ${userId} and read_at is null`.execute(
      kyselyOf(undefined, this.orm),
    );
    return rows[0]?.n ?? 0;
  }

  /** Marks one of the user's notifications read; someone else's answers as not found. */
  async markRead(userId: string, id: string, locale: Locale): Promise<NotificationView> {
    const { rows } = await sql<NotificationRow>`
      update crm_notification set read_at = coalesce(read_at, ${this.clock.now()})
      where id = ${id} and user_id = ${userId}
      returning id, kind, title, body, link_entity, link_id, data, read_at, created_at`.execute(kyselyOf(undefined, this.orm));
    if (!rows[0]) throw new CrmError('CRM_ERR_NOTIFICATION_NOT_FOUND', { params: { id } });
    return toView(rows[0], locale);
  }

  async markAllRead(userId: string): Promise<number> {
    const result = await sql`update crm_notification set read_at = ${this.clock.now()} where user_id = ${userId} and read_at is null`.execute(
      kyselyOf(undefined, this.orm),
    );
    return Number(result.numAffectedRows ?? 0);
  }
}

function checkNotifyInput(input: NotifyInput): string[] {
  const fields: FieldError[] = [];
  if (!Array.isArray(input.userIds)) fields.push({ path: '/userIds', keyword: 'type', message: 'must be an array of user ids' });
  const userIds = Array.isArray(input.userIds) ? input.userIds.filter((id, i) => checkUuid(id, `/userIds/${i}`, fields)) : [];
  if (typeof input.kind !== 'string' || !KIND.test(input.kind)) {
    fields.push({ path: '/kind', keyword: 'pattern', message: 'must be a lower-case name such as task.assigned' });
  }
  checkLocalizedText(input.title, '/title', fields);
  if (input.body !== undefined) checkLocalizedText(input.body, '/body', fields);
  if (input.link !== undefined) {
    if (typeof input.link?.entity !== 'string' || !ENTITY.test(input.link.entity)) {
      fields.push({ path: '/link/entity', keyword: 'pattern', message: 'must be an entity name' });
    }
    checkUuid(input.link?.id, '/link/id', fields);
  }
  checkPlainObject(input.data, '/data', fields);
  if (fields.length) throw new CrmError('CRM_ERR_VALIDATION', { fields });
  return [...new Set(userIds.map((id) => id.toLowerCase()))];
}

async function assertUsersExist(db: Kysely<unknown>, userIds: string[], given: string[]): Promise<void> {
  const { rows } = await sql<{ id: string }>`select id from crm_user where id in (${sql.join(userIds)})`.execute(db);
  const found = new Set(rows.map((row) => row.id));
  const fields = given
    .map((id, i) => ({ id: id.toLowerCase(), i }))
    .filter(({ id }) => !found.has(id))
    .map(({ i }) => ({ path: `/userIds/${i}`, keyword: 'exists', message: 'no such user' }));
  if (fields.length) throw new CrmError('CRM_ERR_VALIDATION', { fields });
}

function toView(row: NotificationRow, locale: Locale): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    title: localize(row.title, locale),
    body: row.body ? localize(row.body, locale) : null,
    link: row.link_entity && row.link_id ? { entity: row.link_entity, id: row.link_id } : null,
    data: row.data,
    read: row.read_at !== null,
    readAt: isoOrNull(row.read_at),
    createdAt: iso(row.created_at),
  };
}
