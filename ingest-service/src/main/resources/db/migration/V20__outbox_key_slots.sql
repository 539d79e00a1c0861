-- Relay workers publish in parallel, each over the slots whose advisory locks it holds. A slot is a fixed hash range of
-- the record key, so all events of one article share a slot and are published by one worker at a time, in id order.
-- 64 slots: more than any sensible number of relay workers across all replicas, few enough to lock in one statement.
-- hashtext is immutable, so the slot is stored once, when the row is written.
alter table outbox_event
    add column key_slot smallint generated always as (mod(hashtext(record_key) & 2147483647, 64)) stored;
create index outbox_event_pending_slot_ix on outbox_event (key_slot, id) where published_at is null;
