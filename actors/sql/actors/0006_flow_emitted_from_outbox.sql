-- The outbox already holds every message emitted through it, envelope and all, under its
-- actor and for as long as the flow log keeps its rows (the same retention; a pending row
-- longer). Writing each again into `flow` (one more row, three more index entries per
-- message) is no longer done: the flow of a correlation id is its `flow` rows (every
-- handled message, and what was emitted without the outbox) together with its outbox rows.
-- `ordinal` keeps the order in which one transaction stored its messages.
alter table outbox add column ordinal integer;
create index outbox_correlation on outbox ((message->'metadata'->>'correlationId'));
-- Rows recorded before this migration stay as they are: the read skips an outbox row whose
-- message the flow log already holds as emitted by the same actor.
