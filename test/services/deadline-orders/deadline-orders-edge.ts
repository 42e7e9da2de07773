import { createEvent, type Envelope } from '../../../actors/mod.ts';
import { deadlineordersLandscape } from '../../../services/deadline-orders/mod.ts';
import { TestEdge, type TestEdgeOptions } from '../../support/landscape-edge.ts';
import { eventually } from '../../support/wait.ts';
import { testInternals } from '../../../actors/testing.ts';

export const base = '/api/deadline-orders';
export type Status = 'PENDING' | 'APPROVED' | 'REJECTED_DUE_TO_POINT_LIMIT' | 'REJECTED_DUE_TO_DEADLINE';

/** The landscape behind the whole edge, with helpers for what its tests do again and again. */
export class OrdersEdge {
  private constructor(readonly edge: TestEdge) {}

  static async start(label: string, options: TestEdgeOptions = {}): Promise<OrdersEdge> {
    return new OrdersEdge(await TestEdge.start(label, [deadlineordersLandscape], options));
  }

  async setPoints(userId: string, point: number): Promise<void> {
    await this.edge.expect(200, 'PUT', `${base}/points/${userId}`, { as: 'admin', body: { point } });
  }

  async points(userId: string): Promise<number> {
    return (await this.edge.expect(200, 'GET', `${base}/points/${userId}`)).point;
  }

  async place(holderId: string, amount: number, currencyId = 1): Promise<string> {
    return (await this.edge.expect(202, 'POST', `${base}/orders`, { body: { holderId, currencyId, amount } })).orderId;
  }

  order(orderId: string): Promise<{ orderId: string; status: Status; reason?: string; holderId: string; amount: number; deadline: string }> {
    return this.edge.expect(200, 'GET', `${base}/orders/${orderId}`);
  }

  async waitForStatus(orderId: string, status: Status, timeout = 15_000) {
    return eventually(async () => {
      const order = await this.order(orderId);
      return order.status === status ? order : undefined;
    }, timeout, `order ${orderId} to be ${status}`);
  }

  async eventTypes(orderId: string): Promise<string[]> {
    const events: Array<{ type: string }> = await this.edge.expect(200, 'GET', `${base}/orders/${orderId}/events`);
    return events.map((e) => e.type);
  }

  /** Waits until the order's timeline holds exactly `types` (in any order), and answers it in order. */
  async waitForEvents(orderId: string, types: readonly string[], timeout = 15_000): Promise<string[]> {
    return eventually(async () => {
      const seen = await this.eventTypes(orderId);
      return [...seen].sort().join() === [...types].sort().join() ? seen : undefined;
    }, timeout, `the events ${types.join(', ')} of order ${orderId}`);
  }

  /** The live exchanges; with `all`, the kept records too. */
  async exchanges(all = false): Promise<Array<{ orderId: string; status: string }>> {
    return this.edge.expect(200, 'GET', `${base}/exchanges${all ? '?all=true' : ''}`);
  }

  async exchangeOf(orderId: string): Promise<{ orderId: string; status: string } | undefined> {
    return (await this.exchanges(true)).find((e) => e.orderId === orderId);
  }

  async transactions(orderId: string): Promise<Array<{ kind: 'DEBIT' | 'REFUND'; amount: number; balance: number }>> {
    return this.edge.expect(200, 'GET', `${base}/transactions?orderId=${orderId}`);
  }

  queue(service: string): string {
    return `${this.edge.namespace}.deadline-orders.${service}`;
  }

  async pause(service: string): Promise<void> {
    await this.edge.expect(200, 'POST', `/api/admin/actors/${encodeURIComponent(this.queue(service))}/pause`, { as: 'admin' });
  }

  async resume(service: string): Promise<void> {
    await this.edge.expect(200, 'POST', `/api/admin/actors/${encodeURIComponent(this.queue(service))}/resume`, { as: 'admin' });
  }

  /** Waits until each of `services` has handled the message (the runtime's flow log, via the admin API). */
  async waitHandled(message: { id: string; correlationId: string }, services: readonly string[], timeout = 15_000): Promise<void> {
    await eventually(async () => {
      const { status, body } = await this.edge.call('GET', `/api/admin/flows/${message.correlationId}`, { as: 'admin' });
      if (status !== 200) return false;
      const handledBy = new Set((body as Array<{ id: string; actor: string; direction: string }>)
        .filter((row) => row.id === message.id && row.direction === 'handled').map((row) => row.actor));
      return services.every((service) => handledBy.has(`deadline-orders.${service}`));
    }, timeout, `${message.id} handled by ${services.join(', ')}`);
  }

  /** The order's timeline as the monitor recorded it. */
  async events(orderId: string): Promise<Array<{ id: string; type: string; correlationId: string; source: string; data: Record<string, unknown> }>> {
    return this.edge.expect(200, 'GET', `${base}/orders/${orderId}/events`);
  }

  /** Publishes an event onto the landscape's exchange, as a redelivery or a duplicate producer would. */
  async publish(event: Envelope): Promise<void> {
    await testInternals(this.edge.system).bus.publish('deadline-orders', event);
  }

  /** A copy of an event under a new id: the inbox cannot recognise it, only the handlers' records can. */
  duplicate(event: { type: string; data: Record<string, unknown> }): Envelope {
    return createEvent(event.type, event.data, { source: 'test-duplicator' });
  }

  cleanup(): Promise<void> {
    return this.edge.cleanup();
  }
}
