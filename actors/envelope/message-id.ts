import { Buffer } from 'node:buffer';
import { randomFillSync } from 'node:crypto';
import { wallClock } from '../clock/clock.ts';

const hexDigits = Buffer.from('0123456789abcdef', 'latin1');
/** The id being written, as ASCII: the dashes and the version digit stay; the rest is overwritten per id. */
const text = Buffer.from('00000000-0000-7000-8000-000000000000', 'latin1');
/** Random bytes drawn from the CSPRNG a few kilobytes at a time; an id takes ten. */
const pool = Buffer.allocUnsafe(10 * 512);
let poolAt = pool.length;
let writtenTime = Number.NaN;

/**
 * A new message id: a UUID version 7 (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds and the rest random. Every id ends up as a key in a B-tree: the inbox
 * (actor, message id), the outbox and its pending rows, the causation and correlation
 * indexes. Random (v4) keys land on a random leaf page each, so every insert reads and
 * dirties a page of its own and, after a checkpoint, writes that whole page to the WAL
 * again; time-ordered keys land on the few right-most pages. The same reason MassTransit's
 * NewId and NServiceBus's COMB guids exist. The time is the wall clock's, not an injected
 * one: it orders storage, it says nothing about the message (that is `occurredAt`).
 * Within one millisecond ids are not ordered among themselves, which RFC 9562 allows; the
 * index locality comes from the millisecond prefix.
 */
export function newMessageId(now: number = wallClock.now()): string {
  // Written as ASCII into one buffer and read out as one flat string: every message gets an
  // id (a command and its event, two per handled message), and `randomUUID` with the time
  // spliced over its start made five strings each (hex pairs, a slice, a concatenation).
  if (now !== writtenTime) {
    writtenTime = now;
    let time = Math.floor(now);
    for (let at = 12; at >= 0; at -= 1) {
      if (at === 8) continue; // the dash
      text[at] = hexDigits[time % 16]!;
      time = Math.floor(time / 16);
    }
  }
  if (poolAt + 10 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const p = poolAt;
  poolAt += 10;
  // 74 random bits, each used once: 12 after the version digit, 62 after the variant bits (10xx).
  hex(15, pool[p]!);
  text[17] = hexDigits[pool[p + 1]! >> 4]!;
  text[19] = hexDigits[0x8 | (pool[p + 1]! & 0x3)]!;
  hex(20, pool[p + 2]!);
  text[22] = hexDigits[pool[p + 3]! >> 4]!;
  for (let i = 0; i < 6; i += 1) hex(24 + 2 * i, pool[p + 4 + i]!);
  return text.toString('latin1', 0, 36);
}

function hex(at: number, byte: number): void {
  text[at] = hexDigits[byte >> 4]!;
  text[at + 1] = hexDigits[byte & 0xf]!;
}
