-- Tenants (partners, newsroom desks) and their API keys. Existing rows belong to the tenant 'default'.
create table tenant (
    id                text primary key,
    name              text        not null,
    max_subscriptions integer     not null check (max_subscriptions >= 0),
    created_at        timestamptz not null default now()
);
insert into tenant (id, name, max_subscriptions) values ('default', 'Default tenant', 1000);

-- Only the prefix (to find the row) and the SHA-256 of the whole key are stored, never the key.
create table tenant_api_key (
    id          uuid primary key,
    tenant_id   text        not null references tenant (id),
    name        text        not null,
    prefix      text        not null unique,
    secret_hash bpchar(64)  not null,
    role        text        not null check (role in ('tenant', 'admin')),
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);
create index tenant_api_key_tenant_idx on tenant_api_key (tenant_id, created_at);

alter table webhook_endpoint add constraint webhook_endpoint_tenant_fk foreign key (tenant_id) references tenant (id);
alter table subscription add constraint subscription_tenant_fk foreign key (tenant_id) references tenant (id);

-- The full subscription: a keyword query and language and source filters besides topics, and a pause switch.
alter table subscription
    add column query           text,
    add column languages       text[]      not null default '{}',
    add column sources         text[]      not null default '{}',
    add column exclude_sources text[]      not null default '{}',
    add column paused          boolean     not null default false,
    add column updated_at      timestamptz not null default now();
alter table subscription add constraint subscription_topics_or_query
    check (cardinality(topics) > 0 or query is not null);

-- Matching now runs in memory on every replica; the database is no longer asked which topics overlap.
drop index subscription_topics_idx;

-- Every committed change of a subscription, in commit order (writers serialise on an advisory lock, so a smaller id
-- never commits after a larger one). Replicas follow this table from the last id they applied.
create table subscription_change (
    id              bigint generated always as identity primary key,
    subscription_id uuid        not null references subscription (id),
    changed_at      timestamptz not null default now()
);

-- An alert and a delivery belong to the tenant of their subscription and endpoint, whoever inserts them: the tenant
-- is derived here instead of being passed along by every writer.
create function alert_tenant() returns trigger language plpgsql as $$
begin
    select s.tenant_id into new.tenant_id from subscription s where s.id = new.subscription_id;
    return new;
end $$;
create trigger alert_tenant before insert on alert for each row execute function alert_tenant();

create function delivery_tenant() returns trigger language plpgsql as $$
begin
    select e.tenant_id into new.tenant_id from webhook_endpoint e where e.id = new.endpoint_id;
    return new;
end $$;
create trigger delivery_tenant before insert on delivery for each row execute function delivery_tenant();

create index alert_tenant_idx on alert (tenant_id, created_at);
create index delivery_tenant_idx on delivery (tenant_id, created_at);
