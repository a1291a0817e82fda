import type { Kysely } from 'kysely';
import { CrmError } from '../../errors/crm-error.js';
import { SUPPORTED_LOCALES as LOCALES, type LocalizedText } from '../../i18n/locale.js';
import { PARTICIPANT_KINDS, resolveParticipants, type ParticipantSpec } from '../auth/participants.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { OutboxService } from '../notifications/outbox.service.js';
import type { ActionContext, ActionSpec, ActionType } from './action-types.js';

export interface NotifyAction extends ActionSpec {
  type: 'notify';
  to: ParticipantSpec[];
  title: LocalizedText;
  body?: LocalizedText;
  /** For the reader's filters and icons; default `automation`. */
  kind?: string;
}

export interface SendMessageAction extends ActionSpec {
  type: 'send_message';
  channel: string;
  /** Users (their address on the channel comes from their profile)… */
  to?: ParticipantSpec[];
  /** …or the address held by a field of the record (a customer's e-mail or phone). */
  toField?: string;
  subject?: LocalizedText;
  body: LocalizedText;
}

const localizedText = {
  type: 'object',
  required: [...LOCALES],
  additionalProperties: false,
  properties: Object.fromEntries(LOCALES.map((locale) => [locale, { type: 'string', minLength: 1, maxLength: 2000 }])),
} as const;

export const participantSchema = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { enum: [...PARTICIPANT_KINDS] },
    id: { type: 'string', format: 'uuid' },
    role: { type: 'string', minLength: 1 },
    of: { enum: ['record', 'owner', 'actor'] },
    levelsUp: { type: 'integer', minimum: 0, maximum: 10 },
    field: { type: 'string' },
  },
  allOf: [
    { if: { properties: { kind: { const: 'user' } } }, then: { required: ['id'] } },
    { if: { properties: { kind: { const: 'role' } } }, then: { required: ['role'] } },
    { if: { properties: { kind: { const: 'department_head' } } }, then: { required: ['of'] } },
    { if: { properties: { kind: { const: 'field' } } }, then: { required: ['field'] } },
  ],
} as const;

/**
 * `{field}` in a text is replaced by the record's value of that field, so that a message can say
 * which order or customer it is about.
 */
export function fillTemplate(text: LocalizedText, values: Record<string, unknown>): LocalizedText {
  const fill = (template: string) =>
    template.replace(/\{([a-z][a-z0-9_]{0,62})\}/g, (whole, name: string) => {
      const value = Object.hasOwn(values, name) ? values[name] : undefined;
      return value === undefined || value === null || typeof value === 'object' ? whole : String(value);
    });
  return { 'zh-CN': fill(text['zh-CN']), en: fill(text.en), es: fill(text.es) };
}

function participantsOf(context: ActionContext, specs: readonly ParticipantSpec[]): Promise<string[]> {
  const values = context.record.values;
  return resolveParticipants(context.em.getKysely() as Kysely<unknown>, specs, {
    ownerId: typeof values.owner_id === 'string' ? values.owner_id : null,
    departmentId: typeof values.department_id === 'string' ? values.department_id : null,
    data: values,
    actorId: context.actor.userId,
  });
}

function checkFieldParticipants(specs: readonly ParticipantSpec[], context: Parameters<NonNullable<ActionType['check']>>[1], path: string): void {
  specs.forEach((spec, index) => {
    if (spec.kind === 'field' && !context.model.fields.has(spec.field)) {
      throw new CrmError('CRM_ERR_INVALID_ACTION', {
        fields: [{ path: `${path}/${index}/field`, keyword: 'unknown_field', message: `"${context.model.name}" has no field "${spec.field}"` }],
      });
    }
  });
}

/** `notify`: an in-app notification to the participants, linking to the record. */
export function notifyAction(notifications: NotificationService): ActionType<NotifyAction> {
  return {
    type: 'notify',
    label: { 'zh-CN': '发送通知', en: 'Notify', es: 'Notificar' },
    configSchema: {
      type: 'object',
      required: ['type', 'to', 'title'],
      additionalProperties: false,
      properties: {
        type: { const: 'notify' },
        to: { type: 'array', minItems: 1, items: participantSchema },
        title: localizedText,
        body: localizedText,
        kind: { type: 'string', pattern: '^[a-z][a-z0-9_.]{0,59}$' },
      },
    },
    check: (config, context) => checkFieldParticipants(config.to, context, `${context.path}/to`),
    async run(config, context) {
      const userIds = await participantsOf(context, config.to);
      if (userIds.length === 0) return;
      const values = context.record.values;
      await notifications.notify(
        {
          userIds,
          kind: config.kind ?? 'automation',
          title: fillTemplate(config.title, values),
          ...(config.body ? { body: fillTemplate(config.body, values) } : {}),
          link: { entity: context.record.entity, id: context.record.id },
          data: { source: context.source },
        },
        context.em,
      );
    },
  };
}

/** `send_message`: an e-mail or SMS through the outbox, to users or to an address on the record. */
export function sendMessageAction(outbox: OutboxService): ActionType<SendMessageAction> {
  return {
    type: 'send_message',
    label: { 'zh-CN': '发送消息（邮件/短信）', en: 'Send a message (e-mail, SMS)', es: 'Enviar un mensaje (correo, SMS)' },
    configSchema: {
      type: 'object',
      required: ['type', 'channel', 'body'],
      additionalProperties: false,
      properties: {
        type: { const: 'send_message' },
        channel: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
        to: { type: 'array', minItems: 1, items: participantSchema },
        toField: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' },
        subject: localizedText,
        body: localizedText,
      },
      anyOf: [{ required: ['to'] }, { required: ['toField'] }],
    },
    check(config, context) {
      if (config.to) checkFieldParticipants(config.to, context, `${context.path}/to`);
      if (config.toField && !context.model.fields.has(config.toField)) {
        throw new CrmError('CRM_ERR_INVALID_ACTION', {
          fields: [{ path: `${context.path}/toField`, keyword: 'unknown_field', message: `"${context.model.name}" has no field "${config.toField}"` }],
        });
      }
    },
    async run(config, context) {
      const values = context.record.values;
      const message = {
        channel: config.channel,
        body: fillTemplate(config.body, values),
        ...(config.subject ? { subject: fillTemplate(config.subject, values) } : {}),
        data: { source: context.source, entity: context.record.entity, id: context.record.id },
      };
      if (config.toField) {
        const address = values[config.toField];
        if (typeof address === 'string' && address.trim()) await outbox.send({ ...message, to: { address } }, context.em);
      }
      for (const userId of config.to ? await participantsOf(context, config.to) : []) {
        await outbox.send({ ...message, to: { userId } }, context.em);
      }
    },
  };
}
