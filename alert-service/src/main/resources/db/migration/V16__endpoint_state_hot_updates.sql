-- An attempt that fails writes its endpoint's state (failing since, failures in a row, throttle), none of which is
-- indexed: with room left on its page that is a HOT update and writes no index entries, in particular none into the
-- host index, whose expression would otherwise be evaluated again for every failed attempt's endpoint.
-- Existing pages keep their fill until they are rewritten; new rows get the room.
alter table webhook_endpoint set (fillfactor = 80);
