import { instantiateTree } from '../../../../services/milk-factory/products/instantiate-tree.ts';
import { products } from '../../../../services/milk-factory/products/product-catalogue.ts';
import type { DraftComponent } from '../../../../services/milk-factory/products/draft-component.ts';

export function counterIds(): () => string {
  let n = 0;
  return () => `c${++n}`;
}

export function productRoot(productId: string) {
  const product = products.find((p) => p.productId === productId);
  if (!product) throw new Error(productId);
  return product.root;
}

export function newTree(productId: string): DraftComponent[] {
  return instantiateTree(productRoot(productId), counterIds());
}

export function byPath(components: readonly DraftComponent[], path: string): DraftComponent {
  const found = components.find((c) => c.path === path);
  if (!found) throw new Error(`no ${path}`);
  return found;
}
