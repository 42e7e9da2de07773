/** One parked message as `GET /api/admin/dead-letters` answers it (dates as ISO strings). */
export interface DeadLetterView {
  id: string;
  messageId: string | null;
  queue: string;
  type: string | null;
  reason: string;
  error: { class: string | null; message: string | null };
  attempts: number;
  parkedAt: string;
  message: unknown;
  raw: string | null;
  status: string;
  resolvedBy?: string | null;
}

export interface DeadLetterFilter {
  queue?: string;
  type?: string;
}

/** The list's path with only the filters that are set (the API refuses unknown or empty ones). */
export function deadLettersPath(filter: DeadLetterFilter): string {
  const query = new URLSearchParams();
  if (filter.queue?.trim()) query.set('queue', filter.queue.trim());
  if (filter.type?.trim()) query.set('type', filter.type.trim());
  const text = query.toString();
  return `/api/admin/dead-letters${text ? `?${text}` : ''}`;
}

/** How long ago, coarsely: "just now", "42 s ago", "3 min ago", "5 h ago", "2 d ago". */
export function age(iso: string, now: number): string {
  const seconds = Math.floor((now - Date.parse(iso)) / 1000);
  if (Number.isNaN(seconds)) return iso;
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** `Class: message`, or whichever of the two is known (the broker's dead-letterings have no class). */
export function errorText(error: DeadLetterView['error']): string {
  if (error.class && error.message) return `${error.class}: ${error.message}`;
  return error.class ?? error.message ?? '—';
}

/** What the expanded row shows: the envelope as indented JSON, or the raw body of a malformed one. */
export function messageText(letter: Pick<DeadLetterView, 'message' | 'raw'>): string {
  if (letter.message !== null && letter.message !== undefined) return JSON.stringify(letter.message, null, 2);
  return letter.raw ?? '';
}

/** The line shown after an action: what happened, or why it did not. */
export function outcomeText(action: 'retry' | 'discard', letter: DeadLetterView | undefined, failure?: string): string {
  const what = letter?.type ?? 'message';
  if (failure !== undefined) return `${action === 'retry' ? 'Retry' : 'Discard'} failed: ${failure}`;
  return action === 'retry'
    ? `Retried ${what}: re-delivered to ${letter?.queue ?? 'its queue'}`
    : `Discarded ${what}`;
}

/** Distinct values for the filters' suggestions, sorted. */
export function suggestions(letters: readonly DeadLetterView[], field: 'queue' | 'type'): string[] {
  return [...new Set(letters.map((letter) => letter[field]).filter((v): v is string => typeof v === 'string'))].sort();
}

/** The parked message's correlation id (to show its flow), when it is an envelope that has one. */
export function correlationOf(letter: Pick<DeadLetterView, 'message'>): string | undefined {
  const metadata = (letter.message as { metadata?: { correlationId?: unknown } } | null)?.metadata;
  return typeof metadata?.correlationId === 'string' ? metadata.correlationId : undefined;
}

/**
 * Where a dead letter's Flow link goes: this page with `correlationId` set (other parameters
 * kept), so a page that draws the flow named in its URL shows it.
 */
export function flowLink(search: string, correlationId: string): string {
  const query = new URLSearchParams(search);
  query.set('correlationId', correlationId);
  return `?${query}`;
}
