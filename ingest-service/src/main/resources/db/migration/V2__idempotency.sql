-- Responses to requests that carried an Idempotency-Key, so a retried batch gets the first answer back.
create table idempotency_record (
    scope           varchar(64)  not null,
    idempotency_key varchar(255) not null,
    request_hash    char(64)     not null,
    status_code     integer,
    response        text,
    created_at      timestamptz  not null,
    completed_at    timestamptz,
    primary key (scope, idempotency_key)
);
create index idempotency_record_created_ix on idempotency_record (created_at);
create index article_source_ix on article (source, created_at desc);
