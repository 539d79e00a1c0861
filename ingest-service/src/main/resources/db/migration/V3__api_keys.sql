-- API keys: only a SHA-256 hash of each key is kept; the prefix finds the row without revealing the key.
create table api_key (
    id                    uuid         primary key,
    name                  varchar(200) not null,
    prefix                varchar(16)  not null unique,
    secret_hash           char(64)     not null,
    roles                 varchar(200) not null,
    rate_limit_per_minute integer,
    created_at            timestamptz  not null,
    revoked_at            timestamptz
);
