-- The orders service of the vouchers landscape. search_path is its (namespaced) schema.
create table orders (
  id text primary key,                       -- ULID: sorts by creation
  net_total integer not null check (net_total >= 0),   -- whole euros
  vat_percent smallint not null check (vat_percent between 0 and 100),
  delivery_sent boolean not null default false,
  order_date date not null,
  updated_at timestamptz not null
);
-- deliver-next: the earliest undelivered order.
create index orders_undelivered on orders (order_date, id) where not delivery_sent;

-- The order events, saved with the order and published by the orders service itself on the
-- spec's schedule (5 retries, 5 min x 5^n, then parked): see services/vouchers/orders/publishing.
create table event_publications (
  id text primary key,                       -- the event's id: a retry publishes the same id
  order_id text not null references orders (id),
  type text not null,
  event jsonb not null,                      -- the whole envelope
  status text not null default 'pending' check (status in ('pending', 'published', 'parked')),
  attempts integer not null default 0,       -- failed attempts so far
  next_attempt_at timestamptz not null,
  last_error text,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  parked_at timestamptz
);
create index event_publications_due on event_publications (next_attempt_at) where status = 'pending';
create index event_publications_parked on event_publications (parked_at desc) where status = 'parked';
