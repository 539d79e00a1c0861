-- Claims walk due first attempts from where the previous claim stopped, (next_attempt_at, id) > the last row it took,
-- instead of from the oldest due row each time, which stepped again over every row leased since: in a fan-out all
-- those in flight, and the failures held until it is through. The deliveries of one alert share their due time, so
-- the id orders them within it.
drop index delivery_first_due_idx;
create index delivery_first_due_idx on delivery (next_attempt_at, id) where status = 'pending' and attempt_count = retry_base;
