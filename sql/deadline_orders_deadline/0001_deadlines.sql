-- One alarm per order. PENDING: set and not rung; REACHED: rang while the order was open;
-- SETTLED: the order ended first (deadline null when it ended before OrderCreated got here).
create table deadlines (
  order_id text primary key,
  holder_id text,
  deadline timestamptz,
  status text not null check (status in ('PENDING', 'REACHED', 'SETTLED')),
  updated_at timestamptz not null
);
create index deadlines_pending on deadlines (deadline) where status = 'PENDING';
