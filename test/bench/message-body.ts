import { Buffer } from 'node:buffer';

const note = 'x'.repeat(80);

/** The command's data; with the envelope around it the body is ~310 bytes of JSON. */
export function benchData(seq: number): { seq: number; note: string } {
  return { seq, note };
}

/**
 * The raw path's body: the same shape and size as the runtime's envelope, built the same
 * way (a fresh uuid, a timestamp, JSON.stringify), so the comparison is not about bytes.
 */
export function rawBody(seq: number): { id: string; content: Buffer } {
  const id = crypto.randomUUID();
  const body = {
    id,
    kind: 'command',
    type: 'Tick',
    data: benchData(seq),
    metadata: { correlationId: id, occurredAt: new Date().toISOString(), source: 'bench' },
  };
  return { id, content: Buffer.from(JSON.stringify(body)) };
}
