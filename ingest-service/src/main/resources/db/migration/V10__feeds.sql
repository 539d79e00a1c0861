-- Feeds polled for articles, one row per canonical feed URL, with the health of its recent polls.
create table feed (
    id                    uuid         primary key,
    url                   text         not null,
    source_name           varchar(200),
    language              varchar(16),
    poll_interval_seconds integer      not null,
    paused                boolean      not null default false,
    paused_reason         text,
    created_at            timestamptz  not null,
    -- when the feed is due; a claim pushes it ahead by the lease so no other replica polls it meanwhile
    next_poll_at          timestamptz  not null,
    -- set while a poll is running (until then at the latest); cleared when its outcome is recorded
    leased_until          timestamptz,
    last_polled_at        timestamptz,
    last_success_at       timestamptz,
    last_error            text,
    last_error_status     integer,
    last_error_at         timestamptz,
    consecutive_failures  integer      not null default 0,
    items_seen_last       integer      not null default 0,
    items_seen_total      bigint       not null default 0,
    items_new_last        integer      not null default 0,
    items_new_total       bigint       not null default 0,
    etag                  text,
    last_modified         text
);
create unique index feed_url_uk on feed (url);
create index feed_due_ix on feed (next_poll_at) where not paused;
create index feed_created_ix on feed (created_at, id);
