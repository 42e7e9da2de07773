-- The flow of one correlation id is only ever looked up by equality (`flowOf`), and nothing
-- reads these indexes in order. A B-tree entry holds the 36-character id and every insert
-- descends the tree comparing texts; a hash index entry holds a 4-byte hash code, found by
-- arithmetic. Every handled message adds a flow row and every emitted one an outbox row,
-- each with an entry here. Measured on the batched exactly-once statements (1000 messages
-- per transaction, inbox + outbox + flow): about 8 µs of Postgres CPU less per message
-- (43 → 35). Hash indexes are WAL-logged and crash-safe since Postgres 10.
drop index flow_correlation;
create index flow_correlation on flow using hash (correlation_id);
drop index outbox_correlation;
create index outbox_correlation on outbox using hash ((message->'metadata'->>'correlationId'));
-- The same for the replay's lookup (`emittedBy`: this actor's rows caused by these message
-- ids), an equality on `causation_id` only ever: about 5 µs less per emitted message again.
-- The actor is checked on the rows found; a message id is one message, handled by few actors.
drop index outbox_causation;
create index outbox_causation on outbox using hash (causation_id);
