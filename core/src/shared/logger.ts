import { pino } from 'pino';

/** The logging calls the core makes; pino's (and so Fastify's) logger fits it. */
export interface Logger {
  info(object: Record<string, unknown>, message?: string): void;
  warn(object: Record<string, unknown>, message?: string): void;
  error(object: Record<string, unknown>, message?: string): void;
}

export function createLogger(level = 'warn'): Logger {
  return pino({ level });
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
