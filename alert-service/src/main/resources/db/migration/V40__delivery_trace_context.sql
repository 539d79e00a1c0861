-- The W3C trace context of the event that queued a delivery (sent on to the receiver as traceparent/tracestate) and
-- when ingest-service accepted the article it carries (the pipeline latency counts from there). Null for digests and
-- for deliveries queued before these columns existed or with tracing off.
alter table delivery add column traceparent varchar(55);
alter table delivery add column tracestate text;
alter table delivery add column accepted_at timestamptz;
