import type { Logger } from '../../shared/logger.js';
import type { MessageChannel } from './notification-types.js';

/**
 * The default provider of every channel: writes the message to the server log (at warn level, so
 * that it shows with the default LOG_LEVEL and nobody mistakes it for a delivered e-mail).
 */
export function logChannel(logger: Logger): MessageChannel {
  return {
    send(message) {
      logger.warn(
        { channel: message.channel, messageId: message.id, to: message.to, locale: message.locale, subject: message.subject, body: message.body },
        `outgoing ${message.channel} message written to the server log (no ${message.channel} provider is configured)`,
      );
      return { providerMessageId: `log:${message.id}` };
    },
  };
}
