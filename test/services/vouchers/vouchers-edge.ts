import { schemaName } from '../../../actors/mod.ts';
import { vouchersLandscape } from '../../../services/vouchers/mod.ts';
import { testDatabase } from '../../support/actor-system.ts';
import { TestEdge, type TestEdgeOptions } from '../../support/landscape-edge.ts';
import { eventually } from '../../support/wait.ts';

/** The vouchers landscape behind the whole edge, with what its tests look at besides REST. */
export class VouchersEdge {
  readonly sql = testDatabase();

  private constructor(readonly edge: TestEdge) {}

  static async start(label: string, options: TestEdgeOptions = {}): Promise<VouchersEdge> {
    return new VouchersEdge(await TestEdge.start(label, [vouchersLandscape], options));
  }

  get vouchersQueue(): string {
    return this.edge.system.names.mailbox('vouchers', 'vouchers');
  }

  createOrder(body: { netTotal?: number; orderDate?: string } = {}, headers: Record<string, string> = {}) {
    return this.edge.expect(201, 'POST', '/api/vouchers/orders', { body, headers });
  }

  deliver(orderId: string, headers: Record<string, string> = {}) {
    return this.edge.expect(200, 'POST', `/api/vouchers/orders/${orderId}/deliver`, { headers });
  }

  vouchersOf(orderId: string): Promise<any[]> {
    return this.edge.expect(200, 'GET', `/api/vouchers/vouchers?orderId=${orderId}`);
  }

  /** The order's events in the orders service's publication log, oldest first. */
  async publicationsOf(orderId: string): Promise<Array<{ id: string; type: string; status: string; attempts: number; last_error: string | null; event: any }>> {
    const schema = schemaName(this.edge.namespace, 'vouchers_orders');
    return this.sql.unsafe(`select id, type, status, attempts, last_error, event from "${schema}".event_publications where order_id = $1 order by created_at, id`, [orderId]) as any;
  }

  /**
   * Real ms until the last pending event of these orders is next tried (0 when none waits):
   * a test waiting for a scheduled retry waits this long plus its margin, however slow the
   * machine made the attempts before.
   */
  async untilNextAttempt(orderIds: readonly string[]): Promise<number> {
    const schema = schemaName(this.edge.namespace, 'vouchers_orders');
    const [row] = await this.sql.unsafe(`select max(next_attempt_at) as next from "${schema}".event_publications where status = 'pending' and order_id = any($1)`, [orderIds as string[]]);
    return row?.next ? Math.max(0, new Date(row.next).getTime() - Date.now()) : 0;
  }

  async countPublications(): Promise<number> {
    const schema = schemaName(this.edge.namespace, 'vouchers_orders');
    return (await this.sql.unsafe(`select count(*)::int as n from "${schema}".event_publications`))[0]!.n as number;
  }

  /** Whether the vouchers service has handled (committed) the message with this id. */
  async handledByVouchers(messageId: string): Promise<boolean> {
    const schema = schemaName(this.edge.namespace, 'actors');
    const rows = await this.sql.unsafe(`select 1 from "${schema}".inbox where actor = 'vouchers.vouchers' and message_id = $1`, [messageId]);
    return rows.length > 0;
  }

  /** Waits until every event of the order was published and handled by the vouchers service. */
  async settled(orderId: string, timeout = 15_000): Promise<void> {
    await eventually(async () => {
      const publications = await this.publicationsOf(orderId);
      if (publications.some((p) => p.status !== 'published')) return false;
      for (const p of publications) if (!(await this.handledByVouchers(p.id))) return false;
      return true;
    }, timeout, `the events of order ${orderId} handled`);
  }

  async cleanup(): Promise<void> {
    await this.edge.cleanup();
    await this.sql.end();
  }
}
