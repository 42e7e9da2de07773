-- The heartbeat's pace, one row: the next beat's number, how many beats per interval
-- (0 = idle) and the interval. `generation` names the current chain of ticks: changing the
-- pace starts a new chain, and a tick of an older one is ignored.
create table pace (
  id int primary key check (id = 1),
  next_beat bigint not null default 0,
  batch_size int not null default 0,
  interval_ms int not null default 1000,
  generation int not null default 0
);
insert into pace (id) values (1);
