-- organisation: each security model it published at start, so operators can see when.
create table published_models (
  id bigserial primary key,
  model jsonb not null,
  published_at timestamptz not null default now()
);
