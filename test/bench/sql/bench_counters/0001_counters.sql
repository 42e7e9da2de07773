-- The exactly-once benchmark's own state: one counter per key, bumped by each message.
-- Both exactly-once paths write here, each under its own actor name.
create table counters (
  actor text not null,
  key text not null,
  count bigint not null,
  last_seq integer not null,
  primary key (actor, key)
);
