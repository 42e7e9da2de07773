import process from 'node:process';
import type { Logger } from '../../actors/mod.ts';
import type { Mount } from '../landscape.ts';
import { bundleComponents, type Bundles } from './component-bundles.ts';
import { componentEntries, defaultComponentsDir } from './component-entries.ts';
import { componentRoute } from './component-route.ts';
import { landscapePage, operationsPage, portalPage } from './pages.ts';
import { pageSecurityHeaders } from './page-security.ts';

export interface WebOptions {
  /** The mounted landscapes' names; each with a component entry gets a page. */
  landscapes: readonly string[];
  logger: Logger;
  /** Where the entries are (default `web-components/`, or `WEB_COMPONENTS_DIR`). */
  componentsDir?: string;
  /** The RabbitMQ management UI linked from the portal (default `RABBITMQ_MANAGEMENT_URL`, else port 15672 of the host the browser loaded the page from). */
  managementUrl?: string;
}

/**
 * The browser side of the edge (common spec, "Process and ports"): the portal at `/`, a
 * page per landscape UI at `/<landscape>`, `/operations`, and the bundles at
 * `/components/<name>.js`. Bundling starts now, once per process, and requests wait for it.
 */
export function webRoutes(options: WebOptions): Mount {
  const dir = options.componentsDir ?? defaultComponentsDir();
  const entries = new Set(componentEntries(dir).map((entry) => entry.name));
  let bundles: Promise<Bundles> | undefined;
  const built = () => (bundles ??= bundleComponents(dir, options.logger));
  void built();
  const withUi = options.landscapes.filter((name) => entries.has(name));
  const apiOnly = options.landscapes.filter((name) => !entries.has(name));
  const configuredManagement = options.managementUrl ?? process.env.RABBITMQ_MANAGEMENT_URL;

  return (app) => {
    app.get('/components/:file', componentRoute(built));
    app.use('*', pageSecurityHeaders());
    const managementUrl = configuredManagement ? withoutCredentials(configuredManagement) : undefined;
    app.get('/', (c) => c.html(portalPage({ withUi, apiOnly, managementUrl, operations: entries.has('operations') })));
    app.get('/operations', (c) => c.html(operationsPage({
      bundled: entries.has('operations'),
      query: { correlationId: c.req.query('correlationId'), machine: c.req.query('machine'), instance: c.req.query('instance'), landscape: c.req.query('landscape') },
    })));
    for (const name of withUi) {
      if (name === 'operations' || name === 'components' || name === 'api') continue; // never shadow the edge's own paths
      app.get(`/${name}`, (c) => c.html(landscapePage(name)));
    }
  };
}

/** The portal links to the broker's UI; credentials in its URL (e.g. guest:guest for tests) stay on the server. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
