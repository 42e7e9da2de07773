-- The vouchers service of the vouchers landscape. search_path is its (namespaced) schema.
create table vouchers (
  id text primary key,                       -- ULID
  type text not null check (type in ('ABSOLUTE')),
  value integer not null check (value > 0),  -- whole euros
  redeemed boolean not null default false,
  related_order_id text not null,
  strategy text not null,
  created_at timestamptz not null default now(),
  -- At most one voucher per (order, strategy), however often the event arrives (spec).
  unique (related_order_id, strategy)
);
