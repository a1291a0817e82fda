import { sql, type Kysely } from 'kysely';
import type { OutboxStatus } from './notification.entity.js';
import type { OutboxListQuery, OutboxView } from './notification-types.js';
import { iso, isoOrNull } from './message-input.js';

export interface OutboxRow {
  id: string;
  channel: string;
  recipient: string;
  user_id: string | null;
  locale: string;
  subject: string | null;
  body: string;
  data: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  error: string | null;
  provider_message_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  last_attempt_at: Date | string | null;
  sent_at: Date | string | null;
}

export async function insertOutboxMessage(
  db: Kysely<unknown>,
  message: { id: string; channel: string; recipient: string; userId: string | null; locale: string; subject: string | null; body: string; data: Record<string, unknown>; now: Date },
): Promise<void> {
  await sql`insert into crm_outbox_message (id, channel, recipient, user_id, locale, subject, body, data, status, attempts, created_at, updated_at)
    values (${message.id}, ${message.channel}, ${message.recipient}, ${message.userId}, ${message.locale}, ${message.subject}, ${message.body},
      ${JSON.stringify(message.data)}::jsonb, 'pending', 0, ${message.now}, ${message.now})`.execute(db);
}

export async function lockOutboxMessage(db: Kysely<unknown>, id: string): Promise<OutboxRow | undefined> {
  const { rows } = await sql<OutboxRow>`select * from crm_outbox_message where id = ${id} for update`.execute(db);
  return rows[0];
}

export async function markSent(db: Kysely<unknown>, id: string, providerMessageId: string | null, now: Date): Promise<void> {
  await sql`update crm_outbox_message set status = 'sent', attempts = attempts + 1, error = null, provider_message_id = ${providerMessageId},
    sent_at = ${now}, last_attempt_at = ${now}, updated_at = ${now} where id = ${id}`.execute(db);
}

export async function markDeliveryFailed(db: Kysely<unknown>, id: string, error: string, final: boolean, now: Date): Promise<void> {
  await sql`update crm_outbox_message set status = ${final ? 'failed' : 'pending'}, attempts = attempts + 1, error = ${error},
    last_attempt_at = ${now}, updated_at = ${now} where id = ${id} and status = 'pending'`.execute(db);
}

export async function requeueOutboxMessage(db: Kysely<unknown>, id: string, now: Date): Promise<OutboxRow | undefined> {
  const { rows } = await sql<OutboxRow>`update crm_outbox_message set status = 'pending', updated_at = ${now}
    where id = ${id} and status = 'failed' returning *`.execute(db);
  return rows[0];
}

export async function findOutboxMessage(db: Kysely<unknown>, id: string): Promise<OutboxRow | undefined> {
  const { rows } = await sql<OutboxRow>`select * from crm_outbox_message where id = ${id}`.execute(db);
  return rows[0];
}

export async function listOutbox(db: Kysely<unknown>, query: OutboxListQuery & { limit: number; offset: number }) {
  const conditions = [sql`true`];
  if (query.status) conditions.push(sql`status = ${query.status}`);
  if (query.channel) conditions.push(sql`channel = ${query.channel}`);
  if (query.userId) conditions.push(sql`user_id = ${query.userId}`);
  const where = sql.join(conditions, sql` and `);
  const [{ rows }, count] = await Promise.all([
    sql<OutboxRow>`select * from crm_outbox_message where ${where} order by created_at desc, id desc limit ${query.limit + 1} offset ${query.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from crm_outbox_message where ${where}`.execute(db),
  ]);
  return { rows, total: count.rows[0]?.n ?? 0 };
}

export function toOutboxView(row: OutboxRow): OutboxView {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    userId: row.user_id,
    locale: row.locale,
    subject: row.subject,
    body: row.body,
    data: row.data,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    providerMessageId: row.provider_message_id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    lastAttemptAt: isoOrNull(row.last_attempt_at),
    sentAt: isoOrNull(row.sent_at),
  };
}
