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

  /**
   * The order's events in the runtime's outbox (the orders actor publishes on a bounded
   * schedule, `publishRetry`), oldest first: published once no pending row lists them.
   */
  async publicationsOf(orderId: string): Promise<Array<{ id: string; type: string; status: string; attempts: number; last_error: string | null; event: any }>> {
    const runtime = schemaName(this.edge.namespace, 'actors');
    return this.sql.unsafe(`select o.id, o.message->>'type' as type,
        case when p.id is null then 'published' when p.parked_at is not null then 'parked' else 'pending' end as status,
        coalesce(p.attempts, 0) as attempts, p.last_error, o.message as event
      from "${runtime}".outbox o left join "${runtime}".outbox_pending p on o.id = any(p.ids)
      where o.actor = 'vouchers.orders' and o.message->'data'->'order'->>'id' = $1 order by o.created_at, o.ordinal, o.id`, [orderId]) as any;
  }

  /**
   * Real ms until the last pending event of these orders is next tried (0 when none waits):
   * a test waiting for a scheduled retry waits this long plus its margin, however slow the
   * machine made the attempts before.
   */
  async untilNextAttempt(orderIds: readonly string[]): Promise<number> {
    const runtime = schemaName(this.edge.namespace, 'actors');
    const [row] = await this.sql.unsafe(`select max(p.next_attempt_at) as next from "${runtime}".outbox_pending p join "${runtime}".outbox o on o.id = any(p.ids)
      where p.parked_at is null and o.actor = 'vouchers.orders' and o.message->'data'->'order'->>'id' = any($1)`, [orderIds as string[]]);
    return row?.next ? Math.max(0, new Date(row.next).getTime() - Date.now()) : 0;
  }

  async countPublications(): Promise<number> {
    const runtime = schemaName(this.edge.namespace, 'actors');
    return (await this.sql.unsafe(`select count(*)::int as n from "${runtime}".outbox where actor = 'vouchers.orders'`))[0]!.n as number;
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
