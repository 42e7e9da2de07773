-- contracts: a contract and its component tree, plus what dsc, pricing, partners and cases
-- last reported about it (local copies kept from their events, so reads and the offer
-- check need no call to them).
create table contracts (
  id text primary key,
  product_id text not null,
  profile_id text not null,
  start_date text not null,
  end_date text not null,
  state text not null check (state in ('DRAFT', 'OFFERED', 'ACCEPTED', 'AWAITING_APPROVAL', 'RUNNING')),
  -- ISO-8601; a new one for every change of the draft (spec: sync timestamps).
  sync_timestamp text not null,
  created_at text not null,
  created_by text not null,
  offered_at text, offered_by text,
  accepted_at text, accepted_by text,
  approved_at text, approved_by text,
  components jsonb not null,
  discounts jsonb not null default '[]',
  discounts_sync_timestamp text,
  prices jsonb not null default '{}',
  prices_sync_timestamp text,
  relationships jsonb not null default '[]',
  case_info jsonb
);
create index contracts_created_by on contracts (created_by);
