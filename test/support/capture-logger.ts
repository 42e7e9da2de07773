import { pino } from 'pino';
import type { Logger } from '../../actors/mod.ts';

/** A real pino logger whose lines land in `lines` (parsed), for asserting on codes like SEC-001. */
export function captureLogger(level = 'info'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level }, { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>); } });
  return { logger, lines };
}
