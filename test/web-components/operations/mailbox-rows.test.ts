import { describe, expect, it } from 'vitest';
import { mailboxRows, mailboxTotals, type Mailbox } from '../../../web-components/shared/operations/mailbox-rows.ts';

const mailbox = (queue: string, extra: Partial<Mailbox> = {}): Mailbox => ({
  queue, landscape: queue.split('.')[0]!, service: queue.split('.')[1]!, consumers: 1, ready: 0, unacked: 0, paused: false, stage: 'stable', ...extra,
});

describe('mailboxRows', () => {
  it('orders by landscape, service and partition number', () => {
    const rows = mailboxRows([mailbox('shop.till.10'), mailbox('bank.ledger'), mailbox('shop.till.2'), mailbox('shop.oven')]);
    expect(rows.map((r) => r.queue)).toEqual(['bank.ledger', 'shop.oven', 'shop.till.2', 'shop.till.10']);
  });

  it('offers pause for a running mailbox and resume for a paused one, with the queue escaped in the path', () => {
    const [running, paused] = mailboxRows([mailbox('a.b'), mailbox('a.c', { paused: true })]);
    expect(running).toMatchObject({ action: 'pause', actionPath: '/api/admin/actors/a.b/pause' });
    expect(paused).toMatchObject({ action: 'resume', actionPath: '/api/admin/actors/a.c/resume' });
    expect(mailboxRows([mailbox('ns/x.y')])[0]!.actionPath).toBe('/api/admin/actors/ns%2Fx.y/pause');
  });

  it('shows a dash when the unacked count is unknown (no management API)', () => {
    expect(mailboxRows([mailbox('a.b', { unacked: null, ready: 4 })])[0]).toMatchObject({ unackedText: '–', readyText: '4' });
  });

  it('flags mailboxes where messages wait: paused with messages ready, or no consumer', () => {
    const rows = mailboxRows([
      mailbox('a.a', { paused: true, ready: 3 }), mailbox('a.b', { paused: true, ready: 0 }),
      mailbox('a.c', { consumers: 0 }), mailbox('a.d'),
    ]);
    expect(rows.map((r) => r.attention)).toEqual([true, false, true, false]);
  });
});

describe('mailboxTotals', () => {
  it('adds up ready and unacked, and counts paused mailboxes', () => {
    expect(mailboxTotals([mailbox('a.a', { ready: 2, unacked: 1 }), mailbox('a.b', { ready: 3, unacked: 4, paused: true })]))
      .toEqual({ mailboxes: 2, ready: 5, unacked: 5, paused: 1 });
  });

  it('leaves the unacked total unknown when one mailbox has no count', () => {
    expect(mailboxTotals([mailbox('a.a', { unacked: 1 }), mailbox('a.b', { unacked: null })]).unacked).toBeNull();
  });
});
