/** One mailbox as `GET /api/admin/actors` answers it. */
export interface Mailbox {
  queue: string;
  landscape: string;
  service: string;
  consumers: number;
  ready: number;
  /** Known only when the RabbitMQ management API answers. */
  unacked: number | null;
  paused: boolean;
  stage: string;
}

export interface MailboxRow extends Mailbox {
  /** `ready`, `unacked` as shown: a dash for an unknown count. */
  readyText: string;
  unackedText: string;
  /** The action the row's button takes, and where it posts. */
  action: 'pause' | 'resume';
  actionPath: string;
  /** Messages wait here: paused with some ready, or nobody consuming a non-paused mailbox. */
  attention: boolean;
}

/** Rows for the board: by landscape, service, then queue (partitions in order). */
export function mailboxRows(mailboxes: readonly Mailbox[]): MailboxRow[] {
  return [...mailboxes]
    .sort((a, b) => a.landscape.localeCompare(b.landscape) || a.service.localeCompare(b.service) || a.queue.localeCompare(b.queue, undefined, { numeric: true }))
    .map((mailbox) => {
      const action = mailbox.paused ? 'resume' : 'pause';
      return {
        ...mailbox,
        readyText: String(mailbox.ready),
        unackedText: mailbox.unacked === null ? '–' : String(mailbox.unacked),
        action,
        actionPath: `/api/admin/actors/${encodeURIComponent(mailbox.queue)}/${action}`,
        attention: (mailbox.paused && mailbox.ready > 0) || (!mailbox.paused && mailbox.consumers === 0),
      };
    });
}

/** Totals over the board's rows (unacked only when every mailbox has a count). */
export function mailboxTotals(mailboxes: readonly Mailbox[]): { mailboxes: number; ready: number; unacked: number | null; paused: number } {
  return {
    mailboxes: mailboxes.length,
    ready: mailboxes.reduce((sum, m) => sum + m.ready, 0),
    unacked: mailboxes.every((m) => m.unacked !== null) ? mailboxes.reduce((sum, m) => sum + (m.unacked ?? 0), 0) : null,
    paused: mailboxes.filter((m) => m.paused).length,
  };
}
