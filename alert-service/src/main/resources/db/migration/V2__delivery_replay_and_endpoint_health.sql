-- A replay restarts the retry schedule without renumbering attempts: the schedule counts attempts after retry_base.
alter table delivery add column retry_base integer not null default 0;

-- Endpoint health reads recent attempts per endpoint without joining every delivery.
alter table delivery_attempt add column endpoint_id uuid references webhook_endpoint (id);
update delivery_attempt a set endpoint_id = d.endpoint_id from delivery d where d.id = a.delivery_id;
alter table delivery_attempt alter column endpoint_id set not null;
create index delivery_attempt_endpoint_idx on delivery_attempt (endpoint_id, attempted_at);

create index delivery_status_idx on delivery (status, created_at);
