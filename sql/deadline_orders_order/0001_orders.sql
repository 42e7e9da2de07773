-- The order service's orders. A final status (APPROVED, REJECTED_*) is never changed again.
create table orders (
  order_id text primary key,
  holder_id text not null,
  currency_id integer not null,
  amount integer not null check (amount > 0),
  status text not null check (status in ('PENDING', 'APPROVED', 'REJECTED_DUE_TO_POINT_LIMIT', 'REJECTED_DUE_TO_DEADLINE')),
  reason text,
  deadline timestamptz not null,
  created_at timestamptz not null,
  settled_at timestamptz
);
create index orders_newest_first on orders (created_at desc, order_id);
