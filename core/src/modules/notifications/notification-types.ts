import type { Locale, LocalizedText } from '../../i18n/locale.js';
import type { OutboxStatus } from './notification.entity.js';

export interface NotificationLink {
  entity: string;
  id: string;
}

export interface NotifyInput {
  userIds: string[];
  /** What happened, for filtering and icons: `task.assigned`, `approval.decided`, `payment.overdue`… */
  kind: string;
  title: LocalizedText;
  body?: LocalizedText;
  /** The record the notification is about; the UI opens it. */
  link?: NotificationLink;
  data?: Record<string, unknown>;
}

/** A notification as its reader sees it: texts in the reader's language. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: NotificationLink | null;
  data: Record<string, unknown>;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationList {
  data: NotificationView[];
  page: { limit: number; offset: number; has_more: boolean };
  /** Unread notifications of the user (all of them, not only this page). */
  unread: number;
  total: number;
}

export interface Recipient {
  /** A user: their language, and for e-mail their address, come from crm_user. */
  userId?: string;
  /** The address on the channel (e-mail address, phone number); required when the user has none. */
  address?: string;
  /** Overrides the user's language (default: the user's, else en). */
  locale?: Locale;
}

export interface SendInput {
  /** A registered channel: `email` and `sms` exist by default. */
  channel: string;
  to: Recipient;
  subject?: LocalizedText;
  body: LocalizedText;
  data?: Record<string, unknown>;
}

/** What a channel provider receives: one message, already in the recipient's language. */
export interface OutgoingMessage {
  id: string;
  channel: string;
  to: string;
  userId: string | null;
  locale: Locale;
  subject: string | null;
  body: string;
  data: Record<string, unknown>;
  /** 1 on the first delivery attempt of this message. */
  attempt: number;
}

/**
 * A delivery provider. `send` resolves when the provider accepted the message and throws when it
 * did not (the outbox retries with backoff). It may run again for a message it already accepted if
 * the process dies before the outbox records the success: pass `message.id` as an idempotency key.
 */
export interface MessageChannel {
  send(message: OutgoingMessage): Promise<{ providerMessageId?: string } | void> | { providerMessageId?: string } | void;
}

export interface OutboxView {
  id: string;
  channel: string;
  recipient: string;
  userId: string | null;
  locale: string;
  subject: string | null;
  body: string;
  data: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  error: string | null;
  providerMessageId: string | null;
  createdAt: string;
  updatedAt: string;
  lastAttemptAt: string | null;
  sentAt: string | null;
}

export interface OutboxListQuery {
  status?: OutboxStatus;
  channel?: string;
  userId?: string;
  limit?: number;
  offset?: number;
}

export interface OutboxList {
  data: OutboxView[];
  page: { limit: number; offset: number; has_more: boolean };
  total: number;
}
