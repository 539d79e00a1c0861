-- Subscriptions that get digests instead of one webhook per alert, and the digests sent.
create table subscription_digest (
    subscription_id uuid        primary key references subscription (id),
    frequency       text        not null check (frequency in ('hourly', 'daily')),
    at_time         time        not null,
    time_zone       text        not null,
    quiet_from      time,
    quiet_to        time,
    -- the next digest covers (period_start, the moment it is sent]
    period_start    timestamptz not null,
    next_run_at     timestamptz not null,
    updated_at      timestamptz not null
);
create index subscription_digest_due_idx on subscription_digest (next_run_at);

create table digest (
    id              uuid        primary key,
    tenant_id       text        not null,
    subscription_id uuid        not null references subscription (id),
    period_from     timestamptz not null,
    period_to       timestamptz not null,
    story_count     integer     not null,
    alert_count     integer     not null,
    payload         text        not null,
    created_at      timestamptz not null,
    constraint digest_once_per_period unique (subscription_id, period_from)
);

-- A delivery carries either one revision of an alert or one digest.
alter table delivery alter column alert_id drop not null;
alter table delivery alter column revision drop not null;
alter table delivery add column digest_id uuid references digest (id);
alter table delivery add constraint delivery_carries_one check (
    (alert_id is not null and revision is not null and digest_id is null)
    or (alert_id is null and revision is null and digest_id is not null));
