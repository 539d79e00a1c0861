-- Articles as accepted, one row per article id; an update of the same URL bumps the revision.
create table article (
    id              uuid primary key,
    url             text        not null,
    canonical_url   text        not null,
    title           text        not null,
    body            text        not null,
    source          text        not null,
    language        varchar(8),
    published_at    timestamptz not null,
    content_hash    char(64)    not null,
    revision        integer     not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create unique index article_canonical_url_uk on article (canonical_url);
create index article_content_hash_ix on article (content_hash);
create index article_created_ix on article (created_at desc, id desc);

-- Transactional outbox: written in the same transaction as the article, relayed to Kafka by one relay at a time.
create table outbox_event (
    id              bigserial   primary key,
    event_id        uuid        not null unique,
    event_type      varchar(64) not null,
    topic           varchar(255) not null,
    record_key      varchar(255) not null,
    payload         text        not null,
    created_at      timestamptz not null,
    published_at    timestamptz,
    attempts        integer     not null default 0,
    last_error      text
);
create index outbox_event_pending_ix on outbox_event (id) where published_at is null;
