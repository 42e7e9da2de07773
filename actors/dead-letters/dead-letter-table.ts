import type { Generated } from 'kysely';

export type DeadLetterStatus = 'parked' | 'retried' | 'discarded';
export const deadLetterStatuses: readonly DeadLetterStatus[] = ['parked', 'retried', 'discarded'];

/** The dead-letter office's table in the runtime schema (actors/sql/actors/0003_dead_letters.sql). */
export interface DeadLetterTables {
  dead_letters: DeadLetterTable;
}

export interface DeadLetterTable {
  id: Generated<string>;
  dedupe_key: string;
  message_id: string | null;
  queue: string;
  parked_queue: string;
  landscape: string;
  service: string;
  type: string | null;
  reason: string;
  error_class: string | null;
  error_message: string | null;
  error_stack: string | null;
  attempts: number;
  parked_at: Date;
  message: unknown;
  body: Uint8Array;
  properties: StoredProperties;
  status: Generated<DeadLetterStatus>;
  recorded_at: Generated<Date>;
  resolved_at: Date | null;
  resolved_by: string | null;
}

/** The AMQP properties of a parked delivery, as JSON: what publishing it again needs. */
export interface StoredProperties {
  messageId?: string;
  correlationId?: string;
  type?: string;
  appId?: string;
  timestamp?: number;
  contentType?: string;
  contentEncoding?: string;
  priority?: number;
  headers: Record<string, unknown>;
}

/** A dead letter as operators see it (common spec, Operations). */
export interface DeadLetter {
  id: string;
  messageId: string | null;
  queue: string;
  landscape: string;
  service: string;
  type: string | null;
  reason: string;
  error: { class: string | null; message: string | null };
  attempts: number;
  parkedAt: Date;
  /** The envelope; null when the body is not one (then `raw` holds the body as text). */
  message: unknown;
  raw: string | null;
  status: DeadLetterStatus;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

/** One dead letter with what only a closer look needs: the stack and the AMQP properties. */
export interface DeadLetterDetail extends DeadLetter {
  error: { class: string | null; message: string | null; stack: string | null };
  parkedQueue: string;
  properties: StoredProperties;
}

export function toDeadLetter(row: Omit<DeadLetterTable, 'id' | 'status' | 'recorded_at'> & { id: string; status: DeadLetterStatus }): DeadLetter {
  return {
    id: row.id,
    messageId: row.message_id,
    queue: row.queue,
    landscape: row.landscape,
    service: row.service,
    type: row.type,
    reason: row.reason,
    error: { class: row.error_class, message: row.error_message },
    attempts: row.attempts,
    parkedAt: row.parked_at,
    message: row.message,
    raw: row.message === null ? new TextDecoder().decode(row.body) : null,
    status: row.status,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
  };
}
