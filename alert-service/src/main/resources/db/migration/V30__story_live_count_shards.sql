-- The number of live stories, kept in 16 rows instead of one: a new story adds 1 to the row of its id's shard, so two
-- assignments starting stories at once rarely wait for each other's row lock; the count is the sum.
create table story_live_count (
    shard   smallint primary key,
    stories integer not null
);
insert into story_live_count (shard, stories) select g, 0 from generate_series(0, 15) as g;
update story_live_count set stories = (select live_stories from story_window where id = 1) where shard = 0;
alter table story_window drop column live_stories;
