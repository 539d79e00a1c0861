-- Due deliveries are claimed first attempts (since creation or the last replay) before retries: a fan-out to healthy
-- endpoints is not held up behind the retries of failing ones. One due index for each, so both walks stay index ranges.
create index delivery_first_due_idx on delivery (next_attempt_at) where status = 'pending' and attempt_count = retry_base;
create index delivery_retry_due_idx on delivery (next_attempt_at) where status = 'pending' and attempt_count > retry_base;
drop index delivery_due_idx;
