import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { SseController } from '../shared/sse-controller.ts';
import { base } from './model.ts';
import { pageStyles } from './styles.ts';

interface Organisation { units: Array<{ id: string; name: string; parentId: string | null; postcodes: string[]; staff: Array<{ username: string; roles: string[] }> }> }
interface Model { overview: Array<{ process: string; steps: Array<{ step: string; roles: string[]; users: string[] }> }> }

/** `<mf-organisation>`: the units with their postcodes and staff, and the security model (who may do which step). */
export class MfOrganisation extends LitElement {
  static override properties = { organisation: { state: true }, model: { state: true }, problem: { state: true } };
  static override styles = pageStyles;

  declare organisation: Organisation | undefined;
  declare model: Model | undefined;
  declare problem: string | undefined;

  // The model is published again when organisation starts or is asked to: show the new one.
  readonly stream = new SseController(this, () => `${base}/stream`, (message) => { if (message.type === 'SecurityModelPublished') this.#load(); });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#load();
  }

  #load(): void {
    Promise.all([api<Organisation>(`${base}/organisation`), api<Model>(`${base}/security/model`)])
      .then(([organisation, model]) => { this.organisation = organisation; this.model = model; })
      .catch((error: Error) => { this.problem = error.message; });
  }

  override render() {
    return html`
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      <section><h2>Organisation</h2><table><thead><tr><th>Unit</th><th>Postcodes</th><th>Staff</th></tr></thead><tbody>
        ${this.organisation?.units.map((u) => html`<tr><td>${u.parentId ? '└ ' : ''}${u.name}</td><td>${u.postcodes.join(', ')}</td>
          <td>${u.staff.map((s) => html`<div>${s.username} <span class="muted">${s.roles.join(', ')}</span></div>`)}</td></tr>`)}
      </tbody></table></section>
      <section><h2>Security model</h2><table><thead><tr><th>Process</th><th>Step</th><th>Roles</th><th>Users</th></tr></thead><tbody>
        ${this.model?.overview.flatMap((p) => p.steps.map((s) => html`<tr><td>${p.process}</td><td>${s.step}</td><td>${s.roles.join(', ')}</td><td class="muted">${s.users.join(', ')}</td></tr>`))}
      </tbody></table></section>`;
  }
}
