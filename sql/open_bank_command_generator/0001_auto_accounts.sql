-- The generator's copy of the AUTO accounts it may move money with (from AccountCreationConfirmed).
create table auto_accounts (
  iban text primary key,
  token text not null,
  created_at timestamptz not null default now()
);
