-- The runtime's own tables (rule 5). search_path is the (namespaced) actors schema.

-- One row per message an actor has handled: a redelivery finds its row and changes nothing.
create table inbox (
  actor text not null,
  message_id text not null,
  received_at timestamptz not null default now(),
  primary key (actor, message_id)
);
create index inbox_received_at on inbox (received_at);

-- Messages emitted in the same transaction as the state change that caused them,
-- published after commit; a sweeper publishes what a crash left behind.
create table outbox (
  id text primary key,
  actor text not null,
  causation_id text,
  route text not null check (route in ('event', 'command', 'later')),
  landscape text not null,
  target text,                -- command: target service; later: target queue
  due_at timestamptz,         -- later: when it is due
  message jsonb not null,
  created_at timestamptz not null default now(),
  dispatched_at timestamptz
);
create index outbox_undispatched on outbox (created_at) where dispatched_at is null;
create index outbox_causation on outbox (actor, causation_id);
create index outbox_dispatched_at on outbox (dispatched_at) where dispatched_at is not null;

-- Every message handled or emitted, per correlation id, for the flow graph (rule 14).
create table flow (
  seq bigserial primary key,
  correlation_id text not null,
  message_id text not null,
  causation_id text,
  type text not null,
  kind text not null,
  source text not null,
  actor text not null,
  direction text not null check (direction in ('handled', 'emitted')),
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now()
);
create index flow_correlation on flow (correlation_id, seq);
create index flow_recorded_at on flow (recorded_at);
