-- Claiming walks endpoints and takes the oldest due deliveries of each: one short index range per endpoint.
create index delivery_pending_endpoint_idx on delivery (endpoint_id, next_attempt_at) where status = 'pending';
