import { defineEntity, p } from '@mikro-orm/core';
import type { LocalizedText } from '../../i18n/locale.js';

/** An in-app notification on one user's desk; written through SQL by the notification service. */
export const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'crm_notification',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    kind: p.string().length(60),
    title: p.json<LocalizedText>(),
    body: p.json<LocalizedText>().nullable(),
    linkEntity: p.string().length(40).nullable(),
    linkId: p.uuid().nullable(),
    data: p.json<Record<string, unknown>>(),
    readAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
});
export class Notification extends NotificationSchema.class {}
NotificationSchema.setClass(Notification);

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** One outgoing e-mail, SMS or other message, rendered in the recipient's language, and its delivery state. */
export const OutboxMessageSchema = defineEntity({
  name: 'OutboxMessage',
  tableName: 'crm_outbox_message',
  properties: {
    id: p.uuid().primary(),
    channel: p.string().length(40),
    recipient: p.string().length(320),
    userId: p.uuid().nullable(),
    locale: p.string().length(10),
    subject: p.text().nullable(),
    body: p.text(),
    data: p.json<Record<string, unknown>>(),
    status: p.string().length(16).$type<OutboxStatus>(),
    attempts: p.integer(),
    error: p.text().nullable(),
    providerMessageId: p.string().length(200).nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    lastAttemptAt: p.datetime().nullable(),
    sentAt: p.datetime().nullable(),
  },
});
export class OutboxMessage extends OutboxMessageSchema.class {}
OutboxMessageSchema.setClass(OutboxMessage);
