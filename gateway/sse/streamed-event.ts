import { Buffer } from 'node:buffer';
import type { Envelope } from '../../actors/mod.ts';
import type { Readers } from './stream-access.ts';

/** One event as the streams carry it: decided and serialised once, for every reader. */
export interface StreamedEvent {
  /** The event as readers see it (`StreamAccess.redact` applied). */
  event: Envelope;
  readers: Readers;
  /** The SSE `data:` payload, `{"id","kind","type","data","metadata"}`. */
  data: string;
  /** Size of `data` in UTF-8, what the replay buffer counts. */
  bytes: number;
  /** Its position in the landscape's replay stream, the same in every gateway replica. */
  position?: number;
}

export function streamedEvent(event: Envelope, readers: Readers, position?: number): StreamedEvent {
  const { id, kind, type, data, metadata } = event;
  const text = JSON.stringify({ id, kind, type, data, metadata });
  const streamed: StreamedEvent = { event, readers, data: text, bytes: Buffer.byteLength(text) };
  if (position !== undefined) streamed.position = position;
  return streamed;
}
