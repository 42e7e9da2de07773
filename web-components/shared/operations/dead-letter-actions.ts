import { html } from 'lit';
import { api } from '../api.ts';
import { age, errorText, outcomeText, type DeadLetterView } from './dead-letter-format.ts';
import { problemText } from './problem-text.ts';

export type DeadLetterAction = 'retry' | 'discard';

/**
 * Retry (`POST /api/admin/dead-letters/<id>/retry`: re-delivered once to its queue) or
 * Discard (`DELETE /api/admin/dead-letters/<id>`) a parked message. Answers the line to show
 * and whether it is done (then it is no longer parked: the caller drops it from its list).
 */
export async function actOnDeadLetter(letter: DeadLetterView, action: DeadLetterAction): Promise<{ done: boolean; outcome: string }> {
  try {
    await api(`/api/admin/dead-letters/${encodeURIComponent(letter.id)}${action === 'retry' ? '/retry' : ''}`, { method: action === 'retry' ? 'POST' : 'DELETE' });
    return { done: true, outcome: outcomeText(action, letter) };
  } catch (error) {
    return { done: false, outcome: outcomeText(action, letter, problemText(error)) };
  }
}

/** A parked message's cells, as every list of them shows it: when, where, what, why, the error, attempts. */
export function deadLetterCells(letter: DeadLetterView, now: number) {
  return html`
    <td title=${letter.parkedAt}>${age(letter.parkedAt, now)}</td>
    <td><code>${letter.queue}</code></td>
    <td>${letter.type ?? html`<span class="muted">unreadable</span>`}</td>
    <td>${letter.reason}</td>
    <td class="error">${errorText(letter.error)}</td>
    <td class="number">${letter.attempts}</td>`;
}
