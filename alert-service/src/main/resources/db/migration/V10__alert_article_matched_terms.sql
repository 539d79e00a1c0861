-- Where a subscription's keyword query hit each article of its alert thread (JSON list; null without a query).
alter table alert_article add column matched_terms text;
