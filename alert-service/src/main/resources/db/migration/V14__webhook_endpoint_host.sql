-- The target host of an endpoint URL, as the delivery engine reads it with java.net.URI: scheme://host:port,
-- lower-cased, the scheme's default port when none (or an empty one) is given, leading zeros of the port dropped,
-- user-info, path, query and fragment left out, IPv6 literals in brackets. Null for URLs Java finds no host in (the
-- sender refuses them) and for ports longer than nine digits. A host whose attempts keep failing is ejected by
-- throttling every enabled endpoint with this value at once; the index makes that a lookup instead of a scan that
-- runs the expression on every endpoint (about a second per 100,000 endpoints).
create function webhook_host(url text) returns text
    language sql immutable strict parallel safe
as $$
select lower(m[1]) || '://' || lower(m[2]) || ':'
       || coalesce(nullif(m[3], '')::int, case lower(m[1]) when 'https' then 443 else 80 end)
from regexp_match(url, '^([A-Za-z][A-Za-z0-9+.-]*)://(?:[^/?#]*@)?(\[[^]/?#]*\]|[^]/?#:[@]*)(?::([0-9]{0,9}))?(?:[/?#]|$)') m
$$;

create index webhook_endpoint_host_idx on webhook_endpoint (webhook_host(url)) where disabled_at is null;
