-- Leasing a delivery changes no indexed column, so with room left on its page the lease is a HOT update and writes
-- no index entries: one alert fanned out to many endpoints leases every one of its deliveries once per attempt.
-- Existing pages keep their fill until they are rewritten; new rows get the room.
alter table delivery set (fillfactor = 70);

-- The attempt log is append-only, written only by the statement that records the attempt on its delivery, and neither
-- deliveries nor endpoints are ever deleted. Its foreign keys cost two index lookups and a row lock on the delivery
-- (whose row the same statement then updates) for every attempt.
alter table delivery_attempt drop constraint delivery_attempt_delivery_id_fkey;
alter table delivery_attempt drop constraint delivery_attempt_endpoint_id_fkey;
