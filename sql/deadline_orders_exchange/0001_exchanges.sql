-- One row per order the exchange heard of. RESERVED is a live exchange; COMPENSATED,
-- CANCELLED (rejected before anything was reserved) and EXPIRED are kept, never deleted:
-- a redelivered message finds the record and does nothing twice.
create table exchanges (
  order_id text primary key,
  holder_id text,
  currency_id integer,
  amount integer not null,
  rate numeric(12, 6) not null,
  exchanged_amount integer not null,
  status text not null check (status in ('RESERVED', 'COMPENSATED', 'CANCELLED', 'EXPIRED')),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index exchanges_live on exchanges (created_at) where status = 'RESERVED';
