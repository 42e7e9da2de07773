-- The waiter's orders: placed through REST, kept up to date from the order's events
-- (a local read model: the latest document and how far the order got).
create table orders (
  order_id text primary key,
  correlation_id text not null unique,
  table_number integer not null check (table_number between 1 and 19),
  dodgy boolean not null,
  status text not null,
  document jsonb not null,
  placed_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index orders_placed_at on orders (placed_at desc);
