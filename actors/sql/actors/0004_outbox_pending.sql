-- The dispatched mark was an UPDATE of outbox.dispatched_at, and it could not be HOT: two
-- partial indexes named the column, so every mark wrote a new copy of the row (its whole
-- envelope) and an entry in each of the outbox's three indexes, and left a dead row in the
-- big table. Now what is still to be published is a small row here, inserted in the
-- transaction that stores the message and deleted once the broker confirmed it (a delete
-- writes no index entry). The outbox itself is written once and only read afterwards
-- (a replay, the flow), until retention deletes it.
-- Stop processes of the previous version before applying: they would store messages
-- without a pending row, so the sweeper would not see what a crash left of theirs.
create table outbox_pending (
  id text primary key,
  created_at timestamptz not null default now()
);
-- The sweeper takes the oldest first.
create index outbox_pending_created_at on outbox_pending (created_at);

insert into outbox_pending (id, created_at) select id, created_at from outbox where dispatched_at is null;

-- Dropping the column drops outbox_undispatched and outbox_dispatched_at with it.
alter table outbox drop column dispatched_at;
-- Retention deletes by age; rows are appended in time order, so a BRIN index is enough
-- and costs next to nothing per insert.
create index outbox_created_at on outbox using brin (created_at);
