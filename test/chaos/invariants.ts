import type postgres from 'postgres';

/** One landscape's verdict after the run: what was checked, how many were lost or doubled. */
export interface Verdict {
  landscape: string;
  checked: number;
  lost: number;
  doubled: number;
  /** What failed, readable; empty when the invariant holds. */
  problems: string[];
}

const company = 'NL66OPEN0000000000';
const companyStart = 100_000_000_000_000_000n;

/**
 * open-bank: every account's balance equals its start plus the confirmed transfers into it
 * minus those out of it (a transfer applied twice or half shows here); every transfer posted
 * through REST has an outcome (none lost); the transactions read model holds exactly one
 * BalanceChanged per balance change of a confirmed transfer.
 */
export async function openBankVerdict(sql: postgres.Sql): Promise<Verdict> {
  const problems: string[] = [];
  const accounts = await sql<Array<{ iban: string; balance: string; credits: string; debits: string }>>`
    select a.iban, a.balance::text,
      coalesce((select sum(amount) from open_bank_command_handler.transfer_outcomes t where t.status = 'confirmed' and t.to_account = a.iban), 0)::text as credits,
      coalesce((select sum(amount) from open_bank_command_handler.transfer_outcomes t where t.status = 'confirmed' and t.from_account = a.iban), 0)::text as debits
    from open_bank_command_handler.accounts a`;
  let doubled = 0;
  for (const a of accounts) {
    const expected = (a.iban === company ? companyStart : 0n) + BigInt(a.credits) - BigInt(a.debits);
    if (BigInt(a.balance) !== expected) {
      doubled += 1;
      if (problems.length < 5) problems.push(`account ${a.iban}: balance ${a.balance}, confirmed transfers say ${expected}`);
    }
  }
  const [requests] = await sql<Array<{ posted: string; unanswered: string }>>`
    select count(*)::text as posted,
      count(*) filter (where not exists (select 1 from open_bank_command_handler.transfer_outcomes o where o.id = r.id))::text as unanswered
    from open_bank_command_handler.transfer_requests r`;
  const lostTransfers = Number(requests!.unanswered);
  if (lostTransfers > 0) problems.push(`${lostTransfers} transfers posted through REST have no outcome`);
  // Each confirmed transfer changes the balance of `from` and of `to` where each is an account here.
  const [model] = await sql<Array<{ expected: string; rows: string }>>`
    select
      (select count(*) from open_bank_command_handler.transfer_outcomes t join open_bank_command_handler.accounts a on a.iban = t.from_account where t.status = 'confirmed')
      + (select count(*) from open_bank_command_handler.transfer_outcomes t join open_bank_command_handler.accounts a on a.iban = t.to_account where t.status = 'confirmed')
      as expected,
      (select count(*) from open_bank_transactions.transactions) as rows`;
  const readModelGap = Number(model!.expected) - Number(model!.rows);
  if (readModelGap !== 0) problems.push(`the transactions read model holds ${model!.rows} balance changes, the confirmed transfers make ${model!.expected}`);
  return {
    landscape: 'open-bank',
    checked: accounts.length,
    lost: lostTransfers + Math.max(0, readModelGap),
    doubled: doubled + Math.max(0, -readModelGap),
    problems,
  };
}

/** restaurant: every order in a known end state (finished or gave-up), none paid twice. */
export async function restaurantVerdict(sql: postgres.Sql): Promise<Verdict> {
  const orders = await sql<Array<{ order_id: string; correlation_id: string; status: string }>>`select order_id, correlation_id, status from restaurant_waiter.orders`;
  const notEnded = orders.filter((o) => o.status !== 'finished' && o.status !== 'gave-up');
  const paidTwice = await sql<Array<{ correlation_id: string; n: number }>>`
    select correlation_id, count(*)::int as n from actors.flow
    where type in ('OrderPaid') and direction = 'emitted' and correlation_id in (select correlation_id from restaurant_waiter.orders)
    group by correlation_id having count(*) > 1`;
  const problems = [
    ...(notEnded.length > 0 ? [`${notEnded.length} orders not ended: ${notEnded.slice(0, 5).map((o) => `${o.order_id} ${o.status}`).join(', ')}`] : []),
    ...(paidTwice.length > 0 ? [`${paidTwice.length} orders paid more than once`] : []),
  ];
  return { landscape: 'restaurant', checked: orders.length, lost: notEnded.length, doubled: paidTwice.length, problems };
}

/**
 * deadline-orders: every order final; each holder's points = the points set minus the
 * approved orders' amounts (a debit twice, or a refund missing, shows here).
 */
export async function deadlineOrdersVerdict(sql: postgres.Sql, initialPoints: number): Promise<Verdict> {
  const pending = await sql<Array<{ order_id: string }>>`select order_id from deadline_orders_order.orders where status = 'PENDING'`;
  const holders = await sql<Array<{ user_id: string; point: number; approved: string; orders: string }>>`
    select b.user_id, b.point,
      coalesce((select sum(amount) from deadline_orders_order.orders o where o.holder_id = b.user_id and o.status = 'APPROVED'), 0)::text as approved,
      (select count(*) from deadline_orders_order.orders o where o.holder_id = b.user_id)::text as orders
    from deadline_orders_point.balances b`;
  const wrong = holders.filter((h) => h.point !== initialPoints - Number(h.approved));
  const [{ n: orders } = { n: 0 }] = await sql<Array<{ n: number }>>`select count(*)::int as n from deadline_orders_order.orders`;
  const problems = [
    ...(pending.length > 0 ? [`${pending.length} orders still PENDING`] : []),
    ...wrong.map((h) => `holder ${h.user_id}: ${h.point} points, ${initialPoints} − approved ${h.approved} = ${initialPoints - Number(h.approved)}`),
  ];
  return { landscape: 'deadline-orders', checked: orders, lost: pending.length, doubled: wrong.length, problems };
}
