import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Orm } from '../../db/create-orm.js';
import { kyselyOf, type Db } from '../../db/db-handle.js';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import { DEFAULT_LOCALE, localize, type Locale } from '../../i18n/locale.js';
import type { Clock } from '../../shared/clock.js';
import type { JobsService } from '../jobs/jobs.service.js';
import type { Backoff } from '../jobs/job-types.js';
import { asLocale, checkLocalizedText, checkPlainObject, checkUuid } from './message-input.js';
import type { MessageChannel, OutboxList, OutboxListQuery, OutboxView, SendInput } from './notification-types.js';
import {
  findOutboxMessage,
  insertOutboxMessage,
  listOutbox,
  lockOutboxMessage,
  markDeliveryFailed,
  markSent,
  requeueOutboxMessage,
  toOutboxView,
} from './outbox-store.js';

export const OUTBOX_DELIVERY_JOB = 'crm.outbox.deliver';
export const MAX_OUTBOX_PAGE = 200;
const CHANNEL_NAME = /^[a-z][a-z0-9_-]{0,39}$/;
const MAX_ADDRESS = 320;

export interface OutboxOptions {
  /** Delivery attempts before a message is marked failed (default 5). */
  maxAttempts?: number;
  /** Default: 1 min, doubling, at most 1 h. */
  backoff?: Backoff;
  /** How long a provider may take for one message (default 30 s). */
  timeoutMs?: number;
}

/**
 * Outgoing e-mail, SMS and other messages. Each message is written to crm_outbox_message in the
 * caller's transaction, rendered in the recipient's language, and delivered by a durable job
 * through the channel's provider, with retries; its state stays visible to administrators.
 */
export class OutboxService {
  private readonly channels = new Map<string, MessageChannel>();

  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    options: OutboxOptions = {},
  ) {
    jobs.define<{ messageId: string }>(OUTBOX_DELIVERY_JOB, ({ messageId }, { db, now }) => this.deliver(db, messageId, now), {
      maxAttempts: options.maxAttempts ?? 5,
      backoff: options.backoff ?? { delayMs: 60_000, factor: 2, maxDelayMs: 3_600_000 },
      timeoutMs: options.timeoutMs ?? 30_000,
      onFailure: async ({ payload, message, final, db, now }) => {
        await markDeliveryFailed(db, String(payload.messageId), message, final, now);
      },
    });
  }

  /** Sets the provider of a channel (replacing the default log provider of `email` and `sms`). */
  registerChannel(name: string, channel: MessageChannel): void {
    if (!CHANNEL_NAME.test(name)) throw new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: `"${name}" is not a valid channel name` } });
    this.channels.set(name, channel);
  }

  hasChannel(name: string): boolean {
    return this.channels.has(name);
  }

  /** Writes a message to the outbox in `db` and schedules its delivery there too. Returns the message id. */
  async send(input: SendInput, db?: Db): Promise<string> {
    checkSendInput(input);
    if (!this.channels.has(input.channel)) throw new CrmError('CRM_ERR_UNKNOWN_CHANNEL', { params: { channel: input.channel } });
    const conn = kyselyOf(db, this.orm);
    const user = input.to.userId ? await findRecipientUser(conn, input.to.userId) : undefined;
    const address = input.to.address ?? (input.channel === 'email' ? user?.email : null) ?? null;
    if (!address) throw new CrmError('CRM_ERR_NO_RECIPIENT_ADDRESS', { params: { channel: input.channel } });
    const locale: Locale = input.to.locale ?? asLocale(user?.locale) ?? DEFAULT_LOCALE;
    const id = uuidv7();
    await insertOutboxMessage(conn, {
      id,
      channel: input.channel,
      recipient: address,
      userId: user?.id ?? null,
      locale,
      subject: input.subject ? localize(input.subject, locale) : null,
      body: localize(input.body, locale),
      data: input.data ?? {},
      now: this.clock.now(),
    });
    await this.jobs.schedule(OUTBOX_DELIVERY_JOB, { messageId: id }, { key: `outbox:${id}` }, conn);
    return id;
  }

  async list(query: OutboxListQuery = {}): Promise<OutboxList> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_OUTBOX_PAGE);
    const offset = Math.max(query.offset ?? 0, 0);
    const { rows, total } = await listOutbox(kyselyOf(undefined, this.orm), { ...query, limit, offset });
    return { data: rows.slice(0, limit).map(toOutboxView), page: { limit, offset, has_more: rows.length > limit }, total };
  }

  async get(id: string, db?: Db): Promise<OutboxView> {
    const row = await findOutboxMessage(kyselyOf(db, this.orm), id);
    if (!row) throw new CrmError('CRM_ERR_OUTBOX_MESSAGE_NOT_FOUND', { params: { id } });
    return toOutboxView(row);
  }

  /** Sends a failed message again (a new series of attempts). */
  async retry(id: string): Promise<OutboxView> {
    return this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<unknown>;
      const row = await requeueOutboxMessage(db, id, this.clock.now());
      if (!row) {
        const existing = await findOutboxMessage(db, id);
        if (!existing) throw new CrmError('CRM_ERR_OUTBOX_MESSAGE_NOT_FOUND', { params: { id } });
        throw new CrmError('CRM_ERR_OUTBOX_NOT_RETRYABLE', { params: { status: existing.status } });
      }
      await this.jobs.schedule(OUTBOX_DELIVERY_JOB, { messageId: id }, { key: `outbox:${id}` }, db);
      return toOutboxView(row);
    });
  }

  private async deliver(db: Kysely<unknown>, messageId: string, now: Date): Promise<void> {
    const row = await lockOutboxMessage(db, messageId);
    if (!row || row.status !== 'pending') return;
    const channel = this.channels.get(row.channel);
    if (!channel) throw new CrmError('CRM_ERR_UNKNOWN_CHANNEL', { params: { channel: row.channel } });
    const result = await channel.send({
      id: row.id,
      channel: row.channel,
      to: row.recipient,
      userId: row.user_id,
      locale: asLocale(row.locale) ?? DEFAULT_LOCALE,
      subject: row.subject,
      body: row.body,
      data: row.data,
      attempt: row.attempts + 1,
    });
    await markSent(db, row.id, result?.providerMessageId ?? null, now);
  }
}

async function findRecipientUser(db: Kysely<unknown>, userId: string): Promise<{ id: string; email: string | null; locale: string | null }> {
  const { rows } = await sql<{ id: string; email: string | null; locale: string | null }>`
    select id, email, locale from crm_user where id = ${userId}`.execute(db);
  if (!rows[0]) throw new CrmError('CRM_ERR_VALIDATION', { fields: [{ path: '/to/userId', keyword: 'exists', message: 'no such user' }] });
  return rows[0];
}

function checkSendInput(input: SendInput): void {
  const fields: FieldError[] = [];
  if (typeof input.channel !== 'string' || !CHANNEL_NAME.test(input.channel)) fields.push({ path: '/channel', keyword: 'pattern', message: 'must be a channel name' });
  if (typeof input.to !== 'object' || input.to === null) {
    fields.push({ path: '/to', keyword: 'type', message: 'must name a user or an address' });
  } else {
    if (input.to.userId === undefined && input.to.address === undefined) fields.push({ path: '/to', keyword: 'required', message: 'must name a user or an address' });
    if (input.to.userId !== undefined) checkUuid(input.to.userId, '/to/userId', fields);
    if (input.to.address !== undefined && (typeof input.to.address !== 'string' || !input.to.address.trim() || input.to.address.length > MAX_ADDRESS)) {
      fields.push({ path: '/to/address', keyword: 'format', message: `must be a non-empty address of at most ${MAX_ADDRESS} characters` });
    }
    if (input.to.locale !== undefined && !asLocale(input.to.locale)) fields.push({ path: '/to/locale', keyword: 'enum', message: 'must be zh-CN, en or es' });
  }
  if (input.subject !== undefined) checkLocalizedText(input.subject, '/subject', fields);
  checkLocalizedText(input.body, '/body', fields);
  checkPlainObject(input.data, '/data', fields);
  if (fields.length) throw new CrmError('CRM_ERR_VALIDATION', { fields });
}
