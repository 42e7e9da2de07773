-- Assignments long past their order's expiry tell nothing any more: the kitchen deletes
-- them as it goes (see forgetOldAssignments); this index keeps that cheap.
create index assignments_expires on assignments (expires);
