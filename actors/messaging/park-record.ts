import { headers } from '../envelope/headers.ts';

/** Why a message was parked: the headers the dead-letter office reads. */
export interface ParkRecord {
  reason: 'malformed' | 'unknown-type' | 'invalid' | 'retries-exhausted' | 'deadline-expired' | 'unsigned' | 'forged' | string;
  error: Error;
  queue: string;
  exchange: string;
  routingKey: string;
  attempts: number;
  at: Date;
}

/** Stacks are cut so a parked message stays well inside AMQP's 64 KiB header table. */
const maxStack = 4_000;

export function parkingHeaders(record: ParkRecord): Record<string, unknown> {
  return {
    [headers.parkReason]: record.reason,
    [headers.errorClass]: record.error.name,
    [headers.errorMessage]: record.error.message.slice(0, maxStack),
    [headers.errorStack]: (record.error.stack ?? '').slice(0, maxStack),
    [headers.originalQueue]: record.queue,
    [headers.originalExchange]: record.exchange,
    [headers.originalRoutingKey]: record.routingKey,
    [headers.attempts]: record.attempts,
    [headers.parkedAt]: record.at.toISOString(),
  };
}

/**
 * Headers the broker adds when it dead-letters a message. A copy re-published with
 * them would look like a dead-letter cycle to the broker, which then drops it silently.
 */
export function withoutDeathHeaders(source: Record<string, unknown> | undefined): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source ?? {})) {
    if (key === 'x-death' || key.startsWith('x-first-death') || key.startsWith('x-last-death')) continue;
    kept[key] = value;
  }
  return kept;
}
