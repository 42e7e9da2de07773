import { Hono } from 'hono';
import { NotFoundError } from '../../../../actors/mod.ts';
import { authenticated, type AuthEnv } from '../../../../gateway/auth/index.ts';
import type { ComponentDefinition } from '../../products/component-definition.ts';
import { products } from '../../products/product-catalogue.ts';

/** The catalogue: products and their component definitions (allowed values, cardinalities, rules). */
export function productRoutes() {
  return new Hono<AuthEnv>()
    .get('/products', authenticated(), (c) =>
      c.json(products.map(({ productId, profileId, validFrom, durationDays }) => ({ productId, profileId, validFrom, durationDays }))))
    .get('/products/:productId/components', authenticated(), (c) => {
      const product = products.find((p) => p.productId === c.req.param('productId'));
      if (!product) throw new NotFoundError(`no product ${c.req.param('productId')}`);
      return c.json(definitionView(product.root, { min: 1, max: 1, initial: 1 }));
    });
}

function definitionView(definition: ComponentDefinition, cardinality: { min: number; max: number; initial: number }): unknown {
  return {
    componentDefinitionId: definition.name,
    cardinality: { min: cardinality.min, max: cardinality.max, default: cardinality.initial },
    configs: definition.configs.map((c) => ({ name: c.name, value: c.value, units: c.units, ...(c.allowed ? { allowed: c.allowed } : {}) })),
    rules: definition.rules ?? [],
    children: definition.children.map((child) => definitionView(child.definition, child)),
  };
}
