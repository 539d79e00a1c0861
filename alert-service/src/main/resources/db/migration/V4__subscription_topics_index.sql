-- Matching looks up active subscriptions whose topics overlap the article's (topics && array[...]).
create index subscription_topics_idx on subscription using gin (topics) where deleted_at is null;
