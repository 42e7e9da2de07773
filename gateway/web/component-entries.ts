import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** The repository's `web-components/`; `WEB_COMPONENTS_DIR` points elsewhere (test fixtures). */
export function defaultComponentsDir(): string {
  return process.env.WEB_COMPONENTS_DIR || fileURLToPath(new URL('../../web-components/', import.meta.url));
}

/** One bundle to build: `web-components/<name>/index.ts` → `/components/<name>.js`. */
export interface ComponentEntry {
  name: string;
  file: string;
}

/**
 * Every `<dir>/<name>/index.ts` but `shared/` (inlined into each bundle, never served alone).
 * Read synchronously at mount time: the pages a process serves are known before it listens.
 */
export function componentEntries(dir: string): ComponentEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((item) => item.isDirectory() && item.name !== 'shared' && /^[a-z0-9][a-z0-9-]*$/.test(item.name))
    .map((item) => ({ name: item.name, file: join(dir, item.name, 'index.ts') }))
    .filter((entry) => existsSync(entry.file))
    .sort((a, b) => a.name.localeCompare(b.name));
}
