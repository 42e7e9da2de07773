import { pino, type Logger } from 'pino';
import type { Envelope } from '../envelope/envelope.ts';

export type { Logger };

/** The process logger: JSON lines, level from `LOG_LEVEL`. */
export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({ level: options.level ?? 'info', name: options.name ?? 'actors' });
}

/** A child logger carrying the envelope's ids, so every line about a message can be found by them (rule 14). */
export function messageLogger(logger: Logger, message: Envelope): Logger {
  const m = message.metadata;
  return logger.child({
    messageId: message.id,
    messageType: message.type,
    correlationId: m.correlationId,
    causationId: m.causationId,
    sessionId: m.sessionId,
    requestId: m.requestId,
    attempt: m.attempt,
  });
}
