import { perMillisecond } from '../clock/per-millisecond.ts';

/** `tttttttt-tttt-`: the time's 48 bits in the UUID's first two groups. */
const timePrefix = perMillisecond((now) => {
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-`;
});

/**
 * A new message id: a UUID version 7 (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds and the rest random. Every id ends up as a key in a B-tree: the inbox
 * (actor, message id), the outbox and its pending rows, the causation and correlation
 * indexes. Random (v4) keys land on a random leaf page each, so every insert reads and
 * dirties a page of its own and, after a checkpoint, writes that whole page to the WAL
 * again; time-ordered keys land on the few right-most pages. The same reason MassTransit's
 * NewId and NServiceBus's COMB guids exist. The time is the wall clock's, not an injected
 * one: it orders storage, it says nothing about the message (that is `occurredAt`).
 */
export function newMessageId(now: number = Date.now()): string {
  // randomUUID gives 122 random bits (from a pooled CSPRNG buffer, faster than drawing our
  // own) with the variant already set: put the time over its first 48 bits and mark the
  // version 7. Within one millisecond ids are not ordered among themselves, which RFC 9562
  // allows; the index locality comes from the millisecond prefix.
  return `${timePrefix(now)}7${crypto.randomUUID().slice(15)}`;
}
