-- Each stateful service owns its database; the services' Flyway migrations create the schema.
create database newshound_ingest;
create database newshound_alert;
