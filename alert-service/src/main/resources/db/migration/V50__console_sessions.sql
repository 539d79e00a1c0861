-- Browser sessions of the web console. A session is created by signing in with an API key and names the key's tenant
-- and role; the cookie carries a random token of which only the SHA-256 hash is stored here, so a copy of this table
-- signs nobody in. Each session has its own CSRF token, which every form of the console must send back.
create table console_session (
    token_hash   bpchar(64) primary key,
    tenant_id    text        not null references tenant (id),
    admin        boolean     not null,
    key_id       text        not null,
    csrf_token   text        not null,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at   timestamptz not null
);
create index console_session_expires_idx on console_session (expires_at);
