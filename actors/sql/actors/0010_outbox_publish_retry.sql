-- A bounded publish schedule per actor (`publishRetry`, actors/persistence/publish-retry.ts):
-- a transaction's pending row counts its failed attempts, says when the next is due, and is
-- parked (kept, not swept) once the schedule is used up, until a person retries it. Rows of
-- actors without a schedule keep all four at their defaults and are swept as before.
alter table outbox_pending
  add column attempts integer not null default 0,
  add column next_attempt_at timestamptz,
  add column last_error text,
  add column parked_at timestamptz;
-- The sweeper takes due retries by their time; parked rows are listed by an operations view.
create index outbox_pending_next_attempt on outbox_pending (next_attempt_at) where next_attempt_at is not null and parked_at is null;
