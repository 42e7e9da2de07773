import { LitElement, css, html } from 'lit';
import { api } from '../shared/api.ts';
import { hasRole } from '../shared/session.ts';
import { SseController, type Envelope } from '../shared/sse-controller.ts';
import { completedPercent, progress, withGroupChange, withJobChange, type BoardGroup, type BoardJob } from './billing-model.ts';
import { base } from './model.ts';
import { pageStyles } from './styles.ts';
import { idLabel } from '../shared/short-id.ts';

/** Forced errors a demo may choose (honoured only with ALLOW_FORCED_ERRORS=true). */
const forcedErrors = ['', 'business@milk-factory.pricing', 'business@milk-factory.billing', 'technical-always@milk-factory.pricing'];
const shownJobs = 10;
const events = 'BillingJobChanged,BillingGroupChanged';

/**
 * `<billing-board>` (ADMIN): "Bill now" for a date, the latest jobs with a live progress
 * bar by group state, failed groups in red with their step and reason and a Retry, links to
 * each job's and group's state machine. Live from the board events only (`type` filter), not
 * the flood of BillCreated.
 */
export class BillingBoard extends LitElement {
  static override properties = { jobs: { state: true }, problem: { state: true }, busy: { state: true } };
  static override styles = [pageStyles, css`
    .job { border: 1px solid #e3e6ec; border-radius: 6px; padding: 0.5rem 0.7rem; margin: 0.6rem 0; }
    .bar { display: flex; height: 12px; border-radius: 3px; overflow: hidden; background: #eef0f4; margin: 0.4rem 0; }
    .bar span { display: block; height: 100%; }
    .COMPLETED { background: #2e9d57; } .COMMS { background: #6fbf8e; } .BILL { background: #8fb5e8; }
    .READ_PRICE { background: #c5d5ea; } .FAILED { background: #c62828; }
    tr.failed-group td { color: #b00020; background: #fdecee; }
    tr.split-group td { color: #8a93a3; }
    .legend span { margin-right: 0.8rem; }
  `];

  declare jobs: BoardJob[];
  declare problem: string | undefined;
  declare busy: boolean;
  #date = new Date().toISOString().slice(0, 10);
  #maxGroupSize = 100;
  #forceError = '';
  /** Jobs whose detail is being fetched, so a burst of events fetches each once. */
  readonly #loading = new Set<string>();

  readonly stream = new SseController(this, () => (hasRole('ADMIN') ? `${base}/stream?type=${events}` : undefined), (message) => this.#onEvent(message));

  constructor() {
    super();
    this.jobs = [];
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** The latest jobs with their groups. */
  async load(): Promise<void> {
    if (!hasRole('ADMIN')) return;
    try {
      const latest = await api<BoardJob[]>(`${base}/billing/jobs?limit=${shownJobs}`);
      this.jobs = await Promise.all(latest.map((job) => api<BoardJob>(`${base}/billing/jobs/${job.jobId}`)));
      this.problem = undefined;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  async #loadJob(jobId: string): Promise<void> {
    if (this.#loading.has(jobId)) return;
    this.#loading.add(jobId);
    try {
      const read = await api<BoardJob>(`${base}/billing/jobs/${jobId}`);
      // Events that came while it was read may be newer than the read (by seq, and a completion is final).
      const held = this.jobs.find((j) => j.jobId === jobId);
      const groups = held ? held.groups.reduce((job, g) => withGroupChange(job, { ...g, jobId }), read) : read;
      const job = held?.state === 'COMPLETED' ? { ...groups, state: held.state, counters: held.counters } : groups;
      this.jobs = [job, ...this.jobs.filter((j) => j.jobId !== jobId)].sort((a, b) => b.started.localeCompare(a.started)).slice(0, shownJobs);
    } finally {
      this.#loading.delete(jobId);
    }
  }

  #onEvent(message: Envelope): void {
    const data = message.data as { jobId: string };
    const job = this.jobs.find((j) => j.jobId === data.jobId);
    if (!job) return void this.#loadJob(data.jobId).catch((error: Error) => { this.problem = error.message; });
    const next = message.type === 'BillingGroupChanged'
      ? withGroupChange(job, message.data as unknown as BoardGroup & { jobId: string })
      : withJobChange(job, message.data as unknown as Pick<BoardJob, 'state' | 'counters'>);
    this.jobs = this.jobs.map((j) => (j.jobId === job.jobId ? next : j));
  }

  async #billNow(event: Event): Promise<void> {
    event.preventDefault();
    this.busy = true;
    try {
      const headers: Record<string, string> = this.#forceError ? { 'x-force-error': this.#forceError } : {};
      const started = await api<{ jobId: string }>(`${base}/billing/runs`, { body: { date: this.#date, maxGroupSize: this.#maxGroupSize }, headers });
      this.problem = undefined;
      await this.#loadJob(started.jobId);
    } catch (error) {
      this.problem = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  async #retry(group: BoardGroup): Promise<void> {
    try {
      await api(`${base}/billing/groups/${group.groupId}/retry`, { method: 'POST' });
      this.problem = undefined;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  override render() {
    if (!hasRole('ADMIN')) return html`<section><h2>Billing</h2><p class="muted">Billing is for administrators (role ADMIN).</p></section>`;
    return html`<section>
      <h2>Billing</h2>
      <form @submit=${(e: Event) => this.#billNow(e)}>
        <label>Bill up to <input type="date" name="date" required .value=${this.#date} @change=${(e: Event) => { this.#date = (e.target as HTMLInputElement).value; }}></label>
        <label>max group size <input type="number" name="maxGroupSize" min="1" max="1000" .value=${String(this.#maxGroupSize)}
          @change=${(e: Event) => { this.#maxGroupSize = Number((e.target as HTMLInputElement).value); }}></label>
        <label class="muted">force error <select name="forceError" @change=${(e: Event) => { this.#forceError = (e.target as HTMLSelectElement).value; }}>
          ${forcedErrors.map((f) => html`<option value=${f}>${f || 'none'}</option>`)}</select></label>
        <button type="submit" class="bill-now" ?disabled=${this.busy}>Bill now</button>
      </form>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.jobs.length === 0 ? html`<p class="muted">No billing job yet.</p>` : this.jobs.map((job) => this.#job(job))}
    </section>`;
  }

  #job(job: BoardJob) {
    const percent = completedPercent(job);
    const failed = job.groups.filter((g) => g.state === 'FAILED');
    const { contracts, groups, completedGroups, failedGroups, bills } = job.counters;
    return html`<article class="job" data-job-id=${job.jobId} data-state=${job.state}>
      <div class="row"><strong>Job ${idLabel(job.jobId)}</strong> up to ${job.date}
        <span class="state job-state">${job.state}</span>
        <a class="muted" href="/operations?machine=billing-job&instance=${job.jobId}&landscape=milk-factory" target="_blank">state machine</a></div>
      <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent} title="${percent} % of the contracts billed">
        ${progress(job).map((s) => (s.percent > 0 ? html`<span class=${s.state} style="width:${s.percent}%" title="${s.state}: ${s.contracts} contracts"></span>` : null))}
      </div>
      <p class="legend muted"><span class="contracts">${contracts} contracts</span><span>${completedGroups}/${groups} groups completed</span>
        <span class="failed-count">${failedGroups} failed</span><span class="bills">${bills} bills</span></p>
      ${failed.length === 0 ? null : html`<table class="failed-groups"><tbody>${failed.map((g) => html`<tr class="failed-group" data-group-id=${g.groupId}>
        <td>${g.contractId ? html`<code>${g.contractId}</code>` : idLabel(g.groupId)}</td><td class="step">${g.step}</td><td class="reason">${g.failedReason ?? ''}</td>
        <td><button type="button" class="retry" @click=${() => this.#retry(g)}>Retry</button></td></tr>`)}</tbody></table>`}
      <details><summary>${job.groups.length} groups</summary><table><tbody>${job.groups.map((g) => html`<tr class=${g.state === 'FAILED' ? 'failed-group' : g.state === 'SPLIT' ? 'split-group' : ''} data-group-id=${g.groupId}>
        <td><a href="/operations?machine=billing-group&instance=${g.groupId}" target="_blank">${idLabel(g.groupId)}</a></td>
        <td>${g.productId ?? ''} ${g.firstDay ?? ''}</td><td class="number">${g.contracts}</td><td class="state">${g.state}</td><td>${g.state === 'FAILED' || g.state === 'SPLIT' ? `${g.step}: ${g.failedReason ?? ''}` : ''}</td></tr>`)}</tbody></table></details>
    </article>`;
  }
}
