-- The dead-letter office (rule 6): every message parked by a mailbox worker or dead-lettered
-- by the broker, consumed from the parked queues, for a person to inspect, retry or discard.
create table dead_letters (
  id uuid primary key default gen_random_uuid(),
  -- One row per parking of a message: a redelivery from the parked queue finds it and adds
  -- nothing, while the same message parked again after a retry is a new row (see dedupe-key.ts).
  dedupe_key text not null unique,
  message_id text,
  queue text not null,                -- the queue it failed in; a retry returns it there
  parked_queue text not null,
  landscape text not null,
  service text not null,
  type text,
  reason text not null,               -- x-park-reason, or the broker's x-first-death-reason
  error_class text,
  error_message text,
  error_stack text,
  attempts integer not null,
  parked_at timestamptz not null,
  message jsonb,                      -- the envelope when the body is one; null for a malformed body
  -- The body byte for byte: the signature covers it, so a retry must publish exactly these bytes.
  body bytea not null,
  properties jsonb not null,          -- AMQP properties and headers to publish it again
  status text not null default 'parked' check (status in ('parked', 'retried', 'discarded')),
  recorded_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by text
);
create index dead_letters_status_parked_at on dead_letters (status, parked_at desc);
create index dead_letters_resolved_at on dead_letters (resolved_at) where resolved_at is not null;
