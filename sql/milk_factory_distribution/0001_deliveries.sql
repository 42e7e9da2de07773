-- distribution: the deliveries (spec). One per requisition at most (its id unique), one per
-- approved one-off contract (requisition_id null, one_off_of set: a second ContractApproved
-- schedules nothing).
create table deliveries (
  delivery_id text primary key,
  contract_id text not null,
  requisition_id text unique,
  one_off_of text unique,
  quantity integer not null check (quantity > 0),
  date date not null,
  address jsonb not null,
  state text not null check (state in ('SCHEDULED', 'CANCELLED')),
  cancel_reason text,
  created_at timestamptz not null
);
create index deliveries_of_contract on deliveries (contract_id, date);

-- A requisition whose delivery was cancelled before it was organised (its CancelDistribution
-- overtook its OrganiseDistribution): that delivery is never scheduled.
create table cancelled_requisitions (
  requisition_id text primary key,
  cancelled_at timestamptz not null
);
