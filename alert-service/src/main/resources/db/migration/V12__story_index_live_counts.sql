-- Story assignment asked, for every key term of every article, how many live stories mention it, by joining each of
-- the term's index rows with its story to test the window: thousands of rows for a common word, under the lock that
-- serialises assignment. The index rows now carry their story's last_seen (they are rewritten whenever the story is
-- saved, so the copy is never stale), and the live counts are kept as numbers, moved when a story gains or loses a
-- term and when the window's start passes a story.
alter table story_key_term add column last_seen timestamptz;
update story_key_term k set last_seen = s.last_seen from story s where s.id = k.story_id;
alter table story_key_term alter column last_seen set not null;
drop index story_key_term_term_idx;
create index story_key_term_live_idx on story_key_term (term, last_seen) include (story_id);

alter table story_band add column last_seen timestamptz;
update story_band b set last_seen = s.last_seen from story s where s.id = b.story_id;
alter table story_band alter column last_seen set not null;
drop index story_band_key_idx;
create index story_band_live_idx on story_band (band_key, last_seen) include (story_id);

-- How many live stories mention each key term (terms no live story mentions may linger with 0 until pruned).
create table story_term_count (
    term    text    primary key,
    stories integer not null
);
insert into story_term_count (term, stories)
select k.term, count(*) from story_key_term k, story_window w where k.last_seen >= w.live_from group by k.term;

-- How many stories are live.
alter table story_window add column live_stories integer not null default 0;
update story_window w set live_stories = (select count(*) from story s where s.last_seen >= w.live_from);
