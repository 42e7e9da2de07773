-- Orchestrator instances (rule 11): one row per machine and process key, with the
-- snapshot, the machine version it started on, an optimistic revision and its pending timers.
create table orchestrator_instances (
  machine text not null,
  key text not null,
  version integer not null,
  revision integer not null,
  snapshot jsonb not null,
  state_value jsonb not null,
  status text not null,
  timers jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (machine, key)
);

-- What each instance went through, for operators and visualisers.
create table orchestrator_history (
  seq bigserial primary key,
  machine text not null,
  key text not null,
  revision integer not null,
  message_id text not null,
  message_type text not null,
  state_value jsonb not null,
  at timestamptz not null default now()
);
create index orchestrator_history_instance on orchestrator_history (machine, key, seq);
