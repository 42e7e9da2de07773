import type { TestEdge } from '../../support/landscape-edge.ts';
import { eventually } from '../../support/wait.ts';

export const base = '/api/milk-factory';
export const augustus = '180000032';
export const tiberius = '180000033';

/** The contract as `GET /contracts/<id>` shows it, once `check` holds. */
export async function contractWhen(edge: TestEdge, id: string, check: (detail: any) => boolean, as = 'john.smith', what = 'the contract'): Promise<any> {
  return eventually(async () => {
    const detail = await edge.expect(200, 'GET', `${base}/contracts/${id}`, { as });
    return check(detail) ? detail : undefined;
  }, 15_000, what);
}

/** dsc and pricing have reported the draft's current sync timestamp, and partners both relationships. */
export function inSync(detail: any): boolean {
  const { syncTimestamp, pricesSyncTimestamp, discountsSyncTimestamp } = detail.contract;
  return pricesSyncTimestamp === syncTimestamp && discountsSyncTimestamp === syncTimestamp && detail.relationships.length >= 2;
}

export function rootTotal(detail: any): string {
  const root = detail.components.find((c: any) => c.parentId === null);
  return detail.prices[root.id]?.total;
}

export function idAt(detail: any, path: string): string {
  return detail.components.find((c: any) => c.path === path).id;
}
