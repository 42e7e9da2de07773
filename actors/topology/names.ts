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
  /**
   * The consistent-hash exchange of one partition count, behind the mailbox's entry
   * (`partitions`): another count is another set, and the entry moves over in one step.
   */
  partitionSet(mailbox: string, count: number): string;
  /**
   * Partition `index` of `count`. The count is part of the name: another count is a new
   * generation of queues, and the old one is drained before the new one is consumed.
   */
  partition(mailbox: string, index: number, count: number): string;
  /** Takes a mailbox's arrivals while its queue is drained and declared again (see topology/mailbox-layout.ts). */
  holding(mailbox: string): string;
  /** The policy carrying a mailbox's bound, TTL, overflow, delivery limit and dead-lettering. */
  mailboxPolicy(landscape: string, service: string): string;
  /** An exclusive queue: whoever holds it may change the topology (one process at a time). */
  topologyLock(): string;
  /** Waiting-room level k holds messages for 2^k ms. */
  delayLevel(level: number): string;
  /** Headers exchange that returns a waited message to the queue that asked. */
  delayDelivery(): string;
  /** Fanout exchange on which an operator's pause and resume of a mailbox reach every process (`system/shared-pause.ts`). */
  operations(): string;
  /** Stream queue keeping a landscape's recent events for every edge replica (`system/edge-events.ts`, resume after `Last-Event-ID`). */
  replayStream(landscape: string): string;
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
    partitionSet: (mailbox, count) => `${mailbox}.${count}-partitions`,
    partition: (mailbox, index, count) => `${mailbox}.${index}-of-${count}`,
    holding: (mailbox) => `${mailbox}.upgrading`,
    mailboxPolicy: (landscape, service) => name(`actors.mailbox.${landscape}.${service}`),
    topologyLock: () => name('actors.topology-lock'),
    delayLevel: (level) => name(`actors.delay.${String(level).padStart(2, '0')}`),
    delayDelivery: () => name('actors.delay.delivery'),
    operations: () => name('actors.operations'),
    replayStream: (landscape) => name(`actors.replay.${landscape}`),
  };
}
