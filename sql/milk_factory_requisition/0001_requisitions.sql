-- requisition: the requisition orders (spec), one row per requisition id. Written by
-- `POST /contracts/<id>/requisitions` (PENDING, with the body it came with, so the same id
-- again is answered the same or 409) and kept by the `requisition` orchestrator's
-- projection, in each step's transaction. The orchestrator's instances are the runtime's.
create table requisitions (
  requisition_id text primary key,
  contract_id text not null,
  quantity integer not null check (quantity > 0),
  deliver_by date not null,
  address jsonb not null,
  state text not null check (state in ('PENDING', 'CONFIRMED', 'REJECTED_QUOTA_EXCEEDED', 'REJECTED_DUE_TO_DEADLINE', 'REJECTED_CONTRACT_TERMINATED')),
  delivery_id text,
  delivery_date date,
  reason text,
  -- [{state, at}] in order: every state the requisition was in.
  history jsonb not null,
  requested_by text not null,
  created_at timestamptz not null
);
create index requisitions_of_contract on requisitions (contract_id, created_at);
create index requisitions_pending on requisitions (contract_id) where state = 'PENDING';
