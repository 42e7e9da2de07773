import { html, layout } from './html.ts';

export interface PortalInfo {
  /** Mounted landscapes with a UI (`web-components/<name>/index.ts`): linked to `/<name>`. */
  withUi: readonly string[];
  /** Mounted landscapes without one: API only. */
  apiOnly: readonly string[];
  /**
   * The RabbitMQ management UI, without credentials; undefined: port 15672 of the host the
   * browser loaded the page from (set in the browser: the request's Host header is never
   * written into a page, where a forged one could plant a link).
   */
  managementUrl: string | undefined;
  /** Whether the operations bundle (`<operations-app>`) is built, so the portal can embed it. */
  operations?: boolean;
}

/**
 * The portal embeds each landscape's root element and `<operations-app>` in a panel that
 * loads its bundle the first time it is opened: every UI is one click away on one page,
 * and the portal itself loads no bundle (each inlines its own copy of Lit and the client).
 */
export const portalScript = `
for (const panel of document.querySelectorAll('details[data-bundle]')) {
  panel.addEventListener('toggle', async () => {
    if (!panel.open || panel.dataset.loaded) return;
    panel.dataset.loaded = 'true';
    await import('/components/' + panel.dataset.bundle + '.js');
    panel.append(document.createElement(panel.dataset.element));
  });
}
const broker = document.getElementById('rabbitmq-management');
if (broker && broker.dataset.port) broker.href = location.protocol + '//' + location.hostname + ':' + broker.dataset.port + '/';`;

function embedded(bundle: string, element: string, label: string) {
  return html`<details class="embedded" data-bundle="${bundle}" data-element="${element}"><summary>${label} <code>&lt;${element}&gt;</code></summary></details>`;
}

/** `GET /`: the way into every landscape's UI, the operations page and the broker's UI. */
export function portalPage(info: PortalInfo): string {
  return layout({
    title: 'Portal',
    heading: 'Portal',
    body: html`<section>
  <h2>Landscapes</h2>
  ${info.withUi.length === 0 ? html`<p class="muted">No landscape with a web UI is running in this process.</p>` : ''}
  <ul class="cards" id="landscapes">
    ${info.withUi.map((name) => html`<li data-landscape="${name}"><a href="/${name}">${name}</a><div class="muted"><code>&lt;${name}-app&gt;</code> · API under <code>/api/${name}</code></div></li>`)}
  </ul>
  ${info.apiOnly.length > 0 ? html`<p class="muted">API only (no web UI): ${info.apiOnly.map((name, i) => html`${i > 0 ? ', ' : ''}<code>/api/${name}</code>`)}</p>` : ''}
  <div id="embedded">
    ${info.withUi.map((name) => embedded(name, `${name}-app`, name))}
    ${info.operations ? embedded('operations', 'operations-app', 'operations') : ''}
  </div>
</section>
<section>
  <h2>Operations</h2>
  <ul class="cards">
    <li><a href="/operations">Operations</a><div class="muted">actors and mailboxes, dead-letter office, flows, state machines (role ADMIN)</div></li>
    <li>${info.managementUrl
      ? html`<a href="${info.managementUrl}" id="rabbitmq-management">RabbitMQ management</a>`
      : html`<a href="/" data-port="15672" id="rabbitmq-management">RabbitMQ management</a>`}<div class="muted">queues, exchanges, connections</div></li>
    <li><a href="/api/health">Health</a><div class="muted"><code>GET /api/health</code>: start-up stage and mailboxes</div></li>
  </ul>
</section>
<script type="module">${{ html: portalScript }}</script>`,
  });
}

/** `GET /<landscape>`: the landscape's whole UI, its root element `<landscape-app>`. */
export function landscapePage(name: string): string {
  const tag = `${name}-app`;
  return layout({
    title: name,
    heading: name,
    script: `/components/${name}.js`,
    body: html`${{ html: `<${tag}></${tag}>` }}`,
  });
}

export interface OperationsQuery {
  correlationId?: string | undefined;
  machine?: string | undefined;
  instance?: string | undefined;
  /** A landscape whose stream the flow graph and state-machine view follow live (else they poll). */
  landscape?: string | undefined;
}

/**
 * `GET /operations?correlationId=&machine=&instance=&landscape=`: log in as `admin`, then the four
 * operations components; the flow graph and state-machine view show what the query names
 * (a plain GET form, so a flow or an instance can be linked to).
 */
export function operationsPage(options: { bundled: boolean; query: OperationsQuery }): string {
  const { correlationId = '', machine = '', instance = '', landscape = '' } = options.query;
  const live = landscape ? html` landscape="${landscape}"` : '';
  return layout({
    title: 'Operations',
    heading: 'Operations',
    ...(options.bundled ? { script: '/components/operations.js' } : {}),
    body: html`<section><login-form username="admin"></login-form>
  ${options.bundled ? '' : html`<p class="muted">The operations components are not built in this process.</p>`}</section>
<section><h2>Actors</h2><actor-board></actor-board></section>
<section><h2>Dead-letter office</h2><dead-letter-office></dead-letter-office></section>
<section><h2>Flow</h2>
  <form class="inline" method="get" action="/operations">
    <label>Correlation id <input name="correlationId" value="${correlationId}"></label>
    <label>Machine <input name="machine" value="${machine}"></label>
    <label>Instance <input name="instance" value="${instance}"></label>
    <label>Landscape (live stream) <input name="landscape" value="${landscape}"></label>
    <button type="submit">Show</button>
  </form>
  ${correlationId ? html`<flow-graph correlation-id="${correlationId}"${live}></flow-graph>` : html`<p class="muted">Enter a correlation id to draw its flow.</p>`}
</section>
<section><h2>State machine</h2>
  ${machine ? html`<state-machine-view machine="${machine}"${instance ? html` instance="${instance}"` : ''}${live}></state-machine-view>` : html`<p class="muted">Enter a machine (and an instance) to draw it.</p>`}
</section>`,
  });
}
