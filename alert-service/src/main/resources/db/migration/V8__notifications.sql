-- What a tenant is told, in order: alerts and their updates, digests, notices about its endpoints. The live stream
-- and the pull feed read this log. Writers take a per-tenant advisory lock before inserting (and hold it until
-- commit), so within a tenant seq order is commit order and a reader's "after seq N" cursor never skips a row.
create table notification (
    seq             bigint generated always as identity primary key,
    tenant_id       text        not null,
    subscription_id uuid,
    type            text        not null,
    payload         text        not null,
    created_at      timestamptz not null default now()
);
create index notification_tenant_seq_idx on notification (tenant_id, seq);
create index notification_created_idx on notification (created_at);
