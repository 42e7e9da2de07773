-- The command handler's state: accounts (cents, bigint: the company account holds 10^17)
-- and the outcome of every command id, so a command id seen again gets the same outcome.
create table accounts (
  iban text primary key,
  token text not null,
  balance bigint not null,
  "limit" bigint not null,
  account_type text not null,
  created_at timestamptz not null default now()
);

-- The company account exists from the start (spec "Company account").
insert into accounts (iban, token, balance, "limit", account_type)
values ('NL66OPEN0000000000', '00000000000000000000', 100000000000000000, 0, 'COMPANY');

create table transfer_outcomes (
  id uuid primary key,
  status text not null check (status in ('confirmed', 'failed')),
  reason text,
  from_account text not null,
  to_account text not null,
  amount bigint not null,
  handled_at timestamptz not null default now()
);

create table creation_outcomes (
  id uuid primary key,
  iban text not null references accounts (iban),
  token text not null,
  account_type text not null,
  handled_at timestamptz not null default now()
);

-- Transfers posted through REST (POST /transfers): GET /transfers/<id> is 404 for an id
-- nobody posted, pending until its outcome is stored.
create table transfer_requests (
  id uuid primary key,
  posted_at timestamptz not null default now()
);

-- Clients who log in at POST /login: each owns one MANUAL account, created by the
-- ConfirmAccountCreation command whose id is kept here.
create table clients (
  username text primary key,
  password_hash text not null,
  creation_id uuid not null,
  created_at timestamptz not null default now()
);
