-- Failed attempts to an endpoint since its last success, across all its deliveries. Once they reach the configured
-- number, the endpoint's circuit opens: it is throttled for a time that doubles with every further failure, its waiting
-- deliveries wait with it, and the next attempt after that time is the probe. A success sets the count back to zero.
alter table webhook_endpoint add column consecutive_failures int not null default 0;
