import { createHash } from 'node:crypto';
import type { Logger } from '../../actors/mod.ts';
import { componentEntries, type ComponentEntry } from './component-entries.ts';

/** One entry's outcome: the browser code, or why it could not be built (esbuild's messages). */
export type Bundle =
  | { name: string; ok: true; code: string; etag: string }
  | { name: string; ok: false; error: string };

export type Bundles = ReadonlyMap<string, Bundle>;

/** Per directory, once per process: several edges in one test process share the work. */
const builds = new Map<string, Promise<Bundles>>();

/**
 * Bundles every component entry of `dir` with esbuild (shared code and Lit inlined, ESM,
 * ES2022, inline source map), once per process. Each entry is built on its own, so one
 * broken landscape UI does not take the others down; it is logged as an error with
 * esbuild's messages and its URL answers 500 with them.
 */
export function bundleComponents(dir: string, logger: Logger): Promise<Bundles> {
  let build = builds.get(dir);
  if (!build) {
    build = buildAll(componentEntries(dir), logger);
    builds.set(dir, build);
  }
  return build;
}

async function buildAll(entries: ComponentEntry[], logger: Logger): Promise<Bundles> {
  const started = Date.now();
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    const reason = `esbuild cannot run here (${(error as Error).message}); web components are not served`;
    logger.error({ err: error }, reason);
    return new Map(entries.map((entry) => [entry.name, { name: entry.name, ok: false, error: reason }]));
  }
  const bundles = await Promise.all(entries.map(async (entry): Promise<Bundle> => {
    try {
      const result = await esbuild.build({
        entryPoints: [entry.file],
        bundle: true,
        format: 'esm',
        target: 'es2022',
        platform: 'browser',
        sourcemap: 'inline',
        write: false,
        logLevel: 'silent',
      });
      const code = result.outputFiles[0]?.text ?? '';
      return { name: entry.name, ok: true, code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
    } catch (error) {
      // esbuild's BuildFailure message lists each error as file:line:column: ERROR: text.
      const message = (error as Error).message;
      logger.error({ component: entry.name, file: entry.file }, `web component ${entry.name} does not bundle:\n${message}`);
      return { name: entry.name, ok: false, error: message };
    }
  }));
  const built = bundles.filter((b) => b.ok).map((b) => b.name);
  logger.info({ built, failed: bundles.filter((b) => !b.ok).map((b) => b.name), ms: Date.now() - started }, 'web components bundled');
  return new Map(bundles.map((bundle) => [bundle.name, bundle]));
}
