import { LitElement, css, html } from 'lit';
import { ProblemError } from './api.ts';
import { SessionController } from './session-controller.ts';
import { currentUser, login, logout } from './session.ts';

/**
 * `<login-form username="admin">`: logs this tab in through `POST /api/auth/login` and
 * shows the API's problem when refused (the 401 "wrong username or password"). Logged in,
 * it shows who and a log-out button. Fires `session-changed` on window (via session.ts).
 */
export class LoginForm extends LitElement {
  static override properties = {
    username: { type: String },
    problem: { state: true },
    busy: { state: true },
  };

  static override styles = css`
    :host { display: block; font: inherit; }
    form, .who { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
    input { padding: 0.3rem 0.4rem; }
    .problem { color: #b00020; margin: 0.4rem 0 0; }
  `;

  // Reactive properties are `declare`d and set in the constructor: a class field would
  // shadow the accessor Lit defines for it (ES2022 class fields), and nothing would re-render.
  /** Pre-filled username (e.g. `admin` on the operations page). */
  declare username: string;
  declare problem: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.username = '';
    this.busy = false;
  }

  readonly session = new SessionController(this);

  override render() {
    const user = currentUser();
    if (user) {
      return html`<div class="who">
        <span>Logged in as <strong>${user.username}</strong> (${user.roles.join(', ') || 'no roles'})</span>
        <button type="button" @click=${() => logout()}>Log out</button>
      </div>`;
    }
    return html`<form @submit=${this.#submit}>
        <label>Username <input name="username" autocomplete="username" .value=${this.username} required></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit" ?disabled=${this.busy}>Log in</button>
      </form>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}`;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.problem = undefined;
    try {
      await login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    } catch (error) {
      this.problem = error instanceof ProblemError
        ? `${error.problem.title ?? 'Refused'} (${error.status}): ${error.message}`
        : `Login failed: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
  }
}

if (!customElements.get('login-form')) customElements.define('login-form', LoginForm);
