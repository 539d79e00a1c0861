-- W3C trace context of the request that wrote the event (null when tracing is off); the relay continues that trace
-- on the Kafka record, so one trace runs from the ingest request to the partner's webhook.
alter table outbox_event add column traceparent varchar(55);
alter table outbox_event add column tracestate text;
