import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { currentUser } from '../shared/session.ts';
import { SseController } from '../shared/sse-controller.ts';
import { base, type Task } from './model.ts';
import { pageStyles } from './styles.ts';
import { idLabel } from '../shared/short-id.ts';

/** `<mf-tasks>`: my open tasks, live; an "Approve Contract" task is done by approving here. */
export class MfTasks extends LitElement {
  static override properties = { tasks: { state: true }, problem: { state: true } };
  static override styles = pageStyles;

  declare tasks: Task[];
  declare problem: string | undefined;

  readonly stream = new SseController(this, () => {
    const user = currentUser();
    return user ? `${base}/stream?userId=${encodeURIComponent(user.username)}` : undefined;
  }, () => { void this.load(); setTimeout(() => void this.load(), 500); });

  constructor() {
    super();
    this.tasks = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.tasks = await api<Task[]>(`${base}/tasks?state=OPEN`);
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  async #approve(task: Task): Promise<void> {
    try {
      await api(`${base}/contracts/${String(task.params.contractId)}/approve`, { method: 'POST' });
      location.hash = `#contract/${String(task.params.contractId)}`;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  override render() {
    return html`<section>
      <h2>My tasks</h2>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.tasks.length === 0 ? html`<p class="muted">No open tasks.</p>` : html`<table><tbody>${this.tasks.map((t) => html`<tr data-task-id=${t.taskId} data-contract-id=${String(t.params.contractId ?? '')}>
        <td>${t.title}</td><td><a href="#contract/${String(t.params.contractId)}">${idLabel(t.params.contractId === undefined ? undefined : String(t.params.contractId))}</a></td>
        <td>${t.action === 'APPROVE_CONTRACT' ? html`<button type="button" class="approve" @click=${() => this.#approve(t)}>Approve</button>` : null}</td></tr>`)}</tbody></table>`}
    </section>`;
  }
}
