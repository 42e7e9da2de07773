-- Holders' point balances (PUT /points/<userId> creates one).
create table balances (
  user_id text primary key,
  point integer not null check (point >= 0),
  updated_at timestamptz not null
);

-- What was done for each order: the record a redelivery finds. A refund marks it
-- REFUNDED; CANCELLED is a compensation that came before any debit. Never deleted.
create table point_orders (
  order_id text primary key,
  holder_id text,
  amount integer not null,
  status text not null check (status in ('DEBITED', 'REFUNDED', 'FAILED', 'EXPIRED', 'CANCELLED')),
  updated_at timestamptz not null
);

-- Every debit and refund, with the balance after it (GET /transactions).
create table point_transactions (
  id bigserial primary key,
  order_id text not null,
  holder_id text not null,
  kind text not null check (kind in ('DEBIT', 'REFUND')),
  amount integer not null,
  balance integer not null,
  at timestamptz not null
);
-- At most one debit and one refund per order, whatever is redelivered.
create unique index point_transactions_once on point_transactions (order_id, kind);
