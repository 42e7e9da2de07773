-- The kitchen's view of its cooks: paused or not, how many orders each cooked, the most
-- each ever held at once (the more-fair bound is checked against it).
create table cooks (
  name text primary key,
  paused boolean not null default false,
  cooked integer not null default 0,
  most_held integer not null default 0
);
insert into cooks (name) values ('tom'), ('dick'), ('harry');

-- One row per CookFood handed to a cook. A cook holds it until its OrderCooked comes
-- back (caused by that CookFood) or the order expires (the cook will drop it then).
create table assignments (
  message_id text primary key,
  order_id text not null,
  cook text not null references cooks (name),
  expires timestamptz not null,
  assigned_at timestamptz not null default now(),
  done_at timestamptz
);
create index assignments_open on assignments (cook) where done_at is null;

-- The dispatcher's own counters; its row is also the lock that makes dispatch decisions one at a time.
create table dispatcher (
  id integer primary key default 1 check (id = 1),
  dispatched bigint not null default 0,
  dropped bigint not null default 0,
  duplicated bigint not null default 0
);
insert into dispatcher (id) values (1);
