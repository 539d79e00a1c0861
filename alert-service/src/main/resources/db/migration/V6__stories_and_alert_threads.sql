-- Stories: articles about the same development, grouped across outlets and languages. Stories and their articles
-- stay for the query API; the grouping indexes (key terms, LSH band keys, signatures) only while the story is live.
create table story (
    id            uuid primary key,
    headline      text        not null,
    first_seen    timestamptz not null,
    last_seen     timestamptz not null,
    article_count integer     not null,
    sources       text[]      not null,
    languages     text[]      not null,
    topics        text[]      not null,
    -- MinHash signatures of the most recent articles, concatenated 32-bit ints; null once the story has expired
    signatures    bytea,
    signature_length integer  not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index story_last_seen_idx on story (last_seen);

-- Grouping index: key term -> live stories mentioning it (position keeps the story's term order, which breaks ties).
create table story_key_term (
    story_id uuid    not null references story (id) on delete cascade,
    term     text    not null,
    mentions integer not null,
    position integer not null,
    primary key (story_id, term)
);
create index story_key_term_term_idx on story_key_term (term);

-- Grouping index: LSH bucket -> live stories with an article signature in it.
create table story_band (
    story_id uuid   not null references story (id) on delete cascade,
    band_key bigint not null,
    primary key (story_id, band_key)
);
create index story_band_key_idx on story_band (band_key);

-- Story time is publication time: stories whose latest article is older than live_from are out of the window.
-- One row; it only moves forward, whichever replica saw the newest article.
create table story_window (
    id        integer primary key check (id = 1),
    live_from timestamptz not null
);
insert into story_window (id, live_from) values (1, 'epoch');

-- Each article belongs to at most one story; sequence is its position in assignment order, with what it added.
create table story_article (
    article_id       uuid primary key,
    story_id         uuid             not null references story (id) on delete cascade,
    sequence         integer          not null,
    article_revision integer          not null,
    title            text             not null,
    url              text,
    source           text,
    language         text,
    published_at     timestamptz      not null,
    topics           text[]           not null,
    new_topics       text[]           not null,
    new_sources      text[]           not null,
    new_languages    text[]           not null,
    match            text             not null,
    score            double precision not null,
    assigned_at      timestamptz      not null default now(),
    unique (story_id, sequence)
);

-- How often a subscription hears about later articles of a story it was alerted about.
alter table subscription add column update_policy text not null default 'every-article'
    check (update_policy in ('every-article', 'new-topics-only', 'at-most-every'));
alter table subscription add column update_interval_minutes integer
    check ((update_policy = 'at-most-every') = (update_interval_minutes is not null and update_interval_minutes > 0));

create table subscription_muted_story (
    subscription_id uuid        not null references subscription (id),
    story_id        uuid        not null references story (id),
    muted_at        timestamptz not null default now(),
    primary key (subscription_id, story_id)
);

-- An alert is now a thread: one per (subscription, story), revision counting what was sent on it. Alerts raised
-- before stories existed keep story_id null and become threads of one revision.
alter table alert drop constraint alert_once_per_revision;
alter table alert rename column revision to article_revision;
alter table alert add column story_id uuid references story (id);
alter table alert add column revision integer not null default 1;
alter table alert alter column revision drop default;
alter table alert add column updated_at timestamptz;
update alert set updated_at = created_at;
alter table alert alter column updated_at set not null;
-- what the thread has told the subscriber so far: "new" in a revision is relative to these
alter table alert add column told_topics text[] not null default '{}';
alter table alert add column told_sources text[] not null default '{}';
alter table alert add column told_languages text[] not null default '{}';
-- at-most-every-N-minutes: when the waiting articles may go out as one revision
alter table alert add column flush_at timestamptz;
create unique index alert_thread_idx on alert (subscription_id, story_id);
create index alert_tenant_created_idx on alert (tenant_id, created_at desc, id desc);
create index alert_story_idx on alert (story_id);
create index alert_flush_idx on alert (flush_at) where flush_at is not null;

-- One row per revision sent on a thread, with the exact webhook body every attempt of its deliveries sends.
create table alert_update (
    alert_id   uuid        not null references alert (id),
    revision   integer     not null,
    event_id   uuid,
    changes    text        not null,
    payload    text        not null,
    created_at timestamptz not null,
    primary key (alert_id, revision)
);
insert into alert_update (alert_id, revision, event_id, changes, payload, created_at)
select id, 1, event_id, '{}', payload, created_at from alert;
alter table alert drop column payload;

-- Every article that reached a thread; revision is null while it waits for the update policy to let it out.
create table alert_article (
    alert_id         uuid        not null references alert (id),
    article_id       uuid        not null,
    article_revision integer     not null,
    event_id         uuid        not null,
    revision         integer,
    -- the article's topics that made the subscription match, with evidence (JSON, trimmed as in webhooks)
    topics           text        not null,
    recorded_at      timestamptz not null,
    primary key (alert_id, article_id)
);
create index alert_article_waiting_idx on alert_article (alert_id) where revision is null;
insert into alert_article (alert_id, article_id, article_revision, event_id, revision, topics, recorded_at)
select id, article_id, article_revision, event_id, 1, '[]', created_at from alert;

-- A delivery sends one revision of its alert.
alter table delivery add column revision integer not null default 1;
alter table delivery alter column revision drop default;
alter table delivery add constraint delivery_update_fk foreign key (alert_id, revision)
    references alert_update (alert_id, revision);
