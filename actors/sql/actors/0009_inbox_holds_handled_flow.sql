-- The inbox row of a handled message is its flow record as well: the flow fields go into
-- the inbox, and `flow` no longer gets a second row for it. Every handled message wrote both:
-- two heap tuples and five index entries (the inbox key and BRIN; flow's seq key, its
-- correlation hash and BRIN), with the message id twice on the wire. Measured on the batched
-- statements (1000 messages per transaction, backend CPU): inbox + outbox + flow 39–43 →
-- 34–36 µs per message. `ordinal` keeps the order in which one transaction received its
-- messages (as `flow.seq` did). Rows written before stay as they are: their flow fields are
-- null, and the handled rows of before are still read from `flow` (see `flowOf`). `flow`
-- keeps what is recorded without the inbox (`recordFlow`).
alter table inbox
  add column correlation_id text,
  add column causation_id text,
  add column type text,
  add column kind text,
  add column source text,
  add column occurred_at timestamptz,
  add column ordinal integer;
-- Looked up by equality only, as flow_correlation (0008). A hash index leaves out the null keys of older rows.
create index inbox_correlation on inbox using hash (correlation_id);
