import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { problemText } from '../shared/operations/problem-text.ts';
import { SessionController } from '../shared/session-controller.ts';
import { currentUser, hasRole } from '../shared/session.ts';
import { deadlineOrdersStyles } from './styles.ts';
import { base } from './views.ts';

/**
 * `<deadline-holder-points>`: whose orders we place (the holder) and their points, live from
 * the app. Setting a balance is the admin's (`PUT /points/<userId>`): logged in as admin the
 * form shows, otherwise a login.
 */
export class DeadlineHolderPoints extends LitElement {
  static override properties = {
    holderId: { attribute: false },
    points: { attribute: false },
    outcome: { state: true },
    problem: { state: true },
  };

  static override styles = deadlineOrdersStyles;

  declare holderId: string;
  declare points: number | null | undefined;
  declare outcome: string | undefined;
  declare problem: string | undefined;

  constructor() {
    super();
    this.holderId = '';
  }

  /** Logging in or out changes what this shows. */
  readonly session = new SessionController(this);

  #changeHolder(event: SubmitEvent): void {
    event.preventDefault();
    const holderId = String(new FormData(event.target as HTMLFormElement).get('holderId') ?? '').trim();
    if (holderId) this.dispatchEvent(new CustomEvent('holder-changed', { detail: holderId, bubbles: true, composed: true }));
  }

  async #setPoints(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const point = Number(new FormData(event.target as HTMLFormElement).get('point'));
    try {
      const answer = await api<{ userId: string; point: number }>(`${base}/points/${encodeURIComponent(this.holderId)}`, { method: 'PUT', body: { point } });
      this.dispatchEvent(new CustomEvent('points-set', { detail: answer.point, bubbles: true, composed: true }));
      this.outcome = `${answer.userId} has ${answer.point} points`;
      this.problem = undefined;
    } catch (error) {
      this.problem = problemText(error);
      this.outcome = undefined;
    }
  }

  override render() {
    return html`
      <h2>Holder</h2>
      <form @submit=${this.#changeHolder}>
        <label>Holder <input name="holderId" .value=${this.holderId} required></label>
        <button type="submit">Show</button>
      </form>
      <p>Points: <span class="points" data-points>${this.points === undefined ? '…' : this.points === null ? 'none yet' : this.points}</span></p>
      ${hasRole('ADMIN')
        ? html`<form @submit=${this.#setPoints}>
            <label>Set balance <input name="point" type="number" min="0" step="1" required></label>
            <button type="submit">Set points</button>
          </form>`
        : html`<p class="muted">${currentUser() ? 'Setting points needs the ADMIN role.' : 'Log in as admin to set points.'}</p>`}
      <login-form username="admin"></login-form>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.outcome ? html`<p class="status" role="status">${this.outcome}</p>` : null}`;
  }
}
