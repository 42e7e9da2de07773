import type postgres from 'postgres';
import { schemaName } from '../../../../actors/mod.ts';
import type { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually } from '../../../support/wait.ts';

export const base = '/api/milk-factory';

export interface SeededContract {
  id: string;
  productId?: string;
  start: string;
  end?: string;
  state?: 'RUNNING' | 'TERMINATED';
  billedTo?: string | null;
  /** The root's total pricing holds (none: pricing holds no price for it). */
  price?: string | null;
}

/** The tables of a service in the test's namespace. */
export function tableOf(namespace: string, service: string, table: string): string {
  return `"${schemaName(namespace, `milk_factory_${service}`)}".${table}`;
}

/**
 * Contracts as billing and pricing hold them once a contract was approved and priced
 * (their copies of what the sales process reports), written straight into their tables.
 */
export async function seedContracts(sql: postgres.Sql, namespace: string, contracts: readonly SeededContract[]): Promise<void> {
  for (const c of contracts) {
    await sql.unsafe(`insert into ${tableOf(namespace, 'billing', 'contracts')} (contract_id, product_id, start_day, end_day, state, billed_to)
      values ($1, $2, $3, $4, $5, $6)`, [c.id, c.productId ?? 'COOKIES_MILKSHAKE', c.start, c.end ?? '2030-12-31', c.state ?? 'RUNNING', c.billedTo ?? null]);
    if (c.price === null) continue;
    await sql.unsafe(`insert into ${tableOf(namespace, 'pricing', 'prices')} (contract_id, component_id, total, tax, sync_timestamp, root)
      values ($1, $1 || '-root', $2, 0, '2020-01-01T00:00:00.000Z', true)`, [c.id, c.price ?? '24.33']);
  }
}

/** Bill rows of these contracts: `[contractId, day]` per daily bill, in order. */
export async function billedDays(sql: postgres.Sql, namespace: string, contractIds: readonly string[]): Promise<Array<[string, string]>> {
  const rows = await sql.unsafe(`select contract_id, from_day::text as day from ${tableOf(namespace, 'billing', 'bills')}
    where contract_id = any($1::text[]) order by contract_id, from_day`, [contractIds as string[]]);
  return rows.map((r) => [r.contract_id as string, r.day as string]);
}

export async function billsOfJob(sql: postgres.Sql, namespace: string, jobId: string): Promise<number> {
  const [row] = await sql.unsafe(`select count(*)::int as n from ${tableOf(namespace, 'billing', 'bills')} where job_id = $1`, [jobId]);
  return row!.n as number;
}

/** `GET /billing/jobs/<id>` once `check` holds. */
export async function jobWhen(edge: TestEdge, jobId: string, check: (job: any) => boolean, what = 'the job', timeout = 20_000): Promise<any> {
  let last: any;
  try {
    return await eventually(async () => {
      last = await edge.expect(200, 'GET', `${base}/billing/jobs/${jobId}`, { as: 'admin' });
      return check(last) ? last : undefined;
    }, timeout, what);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the job was ${JSON.stringify(last)}`);
  }
}

export const completed = (job: any) => job.state === 'COMPLETED';

/** `POST /billing/runs` as admin; answers the 202's body. */
export function run(edge: TestEdge, date: string, options: { maxGroupSize?: number; sessionId?: string; headers?: Record<string, string> } = {}): Promise<any> {
  const body = { date, ...(options.maxGroupSize === undefined ? {} : { maxGroupSize: options.maxGroupSize }) };
  return edge.expect(202, 'POST', `${base}/billing/runs`, { as: 'admin', body, ...(options.sessionId ? { sessionId: options.sessionId } : {}), ...(options.headers ? { headers: options.headers } : {}) });
}

/** The days from `from` to `to`, both included. */
export function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
