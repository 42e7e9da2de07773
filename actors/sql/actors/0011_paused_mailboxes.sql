-- Mailboxes an operator paused (system.operations.pause), shared by every process of the
-- system: a replica reads it when it subscribes (one started later too) and again when a
-- pause or resume is announced on the broker, so a pause holds everywhere until resumed
-- from any process (actors/system/shared-pause.ts).
create table paused_mailboxes (
  queue text primary key,
  paused_at timestamptz not null default now()
);
