-- cases: one case per reference (a contract) and its tasks. The unique keys make a
-- duplicate CreateCase or CreateTask change nothing.
create table cases (
  id text primary key,
  reference_id text not null unique,
  type text not null,
  created_at timestamptz not null default now()
);
create table tasks (
  id text primary key,
  case_id text not null references cases (id),
  reference_id text not null,
  user_id text not null,
  title text not null,
  description text,
  state text not null check (state in ('OPEN', 'DONE')),
  action text not null,
  params jsonb not null default '{}',
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  unique (reference_id, action, user_id)
);
create index tasks_user_state on tasks (user_id, state);
