/**
 * Every broker name in one place (rule 3), readable in the management UI. A namespace
 * prefix lets test runs share one broker without seeing each other.
 */
export interface TopologyNames {
  readonly namespace: string;
  /** Topic exchange; routing key = event type. */
  events(landscape: string): string;
  /** Direct exchange; routing key = target service. */
  commands(landscape: string): string;
  /** The mailbox queue of a service. */
  mailbox(landscape: string, service: string): string;
  /** Where a queue's messages go when they cannot be processed. */
  parked(queue: string): string;
  /** Consistent-hash exchange in front of a partitioned mailbox. */
  partitions(mailbox: string): string;
  partition(mailbox: string, index: number): string;
  /** Waiting-room level k holds messages for 2^k ms. */
  delayLevel(level: number): string;
  /** Headers exchange that returns a waited message to the queue that asked. */
  delayDelivery(): string;
}

export function topologyNames(namespace = ''): TopologyNames {
  const name = (local: string) => (namespace ? `${namespace}.${local}` : local);
  return {
    namespace,
    events: (landscape) => name(`${landscape}.events`),
    commands: (landscape) => name(`${landscape}.commands`),
    mailbox: (landscape, service) => name(`${landscape}.${service}`),
    parked: (queue) => `${queue}.parked`,
    partitions: (mailbox) => `${mailbox}.partitions`,
    partition: (mailbox, index) => `${mailbox}.${index}`,
    delayLevel: (level) => name(`actors.delay.${String(level).padStart(2, '0')}`),
    delayDelivery: () => name('actors.delay.delivery'),
  };
}
