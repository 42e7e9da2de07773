import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../actors/mod.ts';
import { bundleComponents } from '../../../gateway/web/component-bundles.ts';
import { componentEntries } from '../../../gateway/web/component-entries.ts';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../../web-components/', import.meta.url));

describe('the repository\'s web components', () => {
  it('each entry of web-components/ bundles, so no page of npm start loads a broken script', async () => {
    const bundles = await bundleComponents(dir, createLogger({ level: 'silent' }));
    const failed = [...bundles.values()].flatMap((bundle) => (bundle.ok ? [] : [`${bundle.name}: ${bundle.error}`]));
    expect(failed).toEqual([]);
    expect([...bundles.keys()].sort()).toEqual(componentEntries(dir).map((entry) => entry.name));
  });
});
