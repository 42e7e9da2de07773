-- billing: its copy of the billable contracts (from ContractApproved), the bills, and the
-- read model of its jobs and groups (kept by the orchestrators' projections, in the step's
-- transaction).

-- billed_to: the last day billed (null: nothing yet). Only the BILL step moves it, with the
-- row locked, so two groups billing one contract see each other's days.
create table contracts (
  contract_id text primary key,
  product_id text not null,
  start_day date not null,
  end_day date not null,
  state text not null check (state in ('RUNNING', 'TERMINATED')),
  billed_to date,
  check (start_day <= end_day),
  check (billed_to is null or billed_to >= start_day)
);

-- One row per bill; a daily bill has from_day = to_day. The unique key is the last line of
-- "no contract-day is ever billed twice": the BILL step never relies on it (it bills only
-- after billed_to, with the contract locked), so hitting it is a bug, and fails loudly.
create table bills (
  bill_id uuid primary key default gen_random_uuid(),
  contract_id text not null,
  from_day date not null,
  to_day date not null,
  price numeric(14, 2) not null,
  job_id text not null,
  group_id text not null,
  created_at timestamptz not null,
  check (from_day <= to_day),
  constraint bills_one_per_contract_day unique (contract_id, from_day)
);
create index bills_of_job on bills (job_id, contract_id);

-- A job's bills of a contract whose BillCreated are in the outbox (the COMMS step): one row
-- per contract rather than a flag per bill, a thousand inserts for a group of a thousand
-- instead of seven thousand updates. Sound because one BILL bills a contract up to the
-- job's date at once: no bill of the job for that contract can come after its COMMS.
create table announced (
  job_id text not null,
  contract_id text not null,
  primary key (job_id, contract_id)
);

create table jobs (
  job_id text primary key,
  date date not null,
  max_group_size integer not null,
  state text not null check (state in ('RUNNING', 'COMPLETED')),
  session_id text,
  started_at timestamptz not null,
  completed_at timestamptz,
  contracts integer not null,
  groups integer not null,
  completed_groups integer not null default 0,
  failed_groups integer not null default 0,
  bills integer not null default 0
);
create index jobs_newest on jobs (started_at desc, job_id desc);

create table groups (
  group_id text primary key,
  job_id text not null references jobs,
  state text not null check (state in ('READ_PRICE', 'BILL', 'COMMS', 'COMPLETED', 'FAILED', 'SPLIT')),
  step text not null check (step in ('READ_PRICE', 'BILL', 'COMMS')),
  product_id text not null,
  first_day date not null,
  contract_ids text[] not null,
  bills integer not null default 0,
  failed_reason text,
  split_from text,
  -- The group's last change (BillingGroupChanged.seq): a board merging events and reads keeps the newer.
  seq integer not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index groups_of_job on groups (job_id);
