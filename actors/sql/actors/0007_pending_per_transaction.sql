-- One pending row per storing transaction instead of one per message: a batch of a
-- thousand messages wrote a thousand pending rows (a heap tuple and two index entries
-- each) and deleted them again once the broker confirmed. Now the transaction's row lists
-- its message ids, in the order stored, and the dispatch deletes that one row.
-- A row without `ids` is one of before: its id is the one message it stands for.
alter table outbox_pending add column ids text[];
