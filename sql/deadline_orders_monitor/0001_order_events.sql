-- Every event of the landscape, per order, for the timeline (GET /orders/<orderId>/events).
create table order_events (
  message_id text primary key,
  order_id text not null,
  type text not null,
  data jsonb not null,
  source text not null,
  correlation_id text not null,
  causation_id text,
  occurred_at timestamptz not null,
  seq bigserial not null
);
create index order_events_by_order on order_events (order_id, occurred_at, seq);
