-- The API and 'faultline events' list events in (date, id) order, a page at
-- a time. Indexes that end in (date, id) give that order, so SQLite stops
-- after one page instead of sorting every match (EXPLAIN QUERY PLAN showed
-- "USE TEMP B-TREE FOR ORDER BY" before). They replace the (..., date) ones.
DROP INDEX events_date;
CREATE INDEX events_date_id ON events(date, id);
DROP INDEX events_country_date;
CREATE INDEX events_country_date_id ON events(country, date, id);
DROP INDEX events_root;
CREATE INDEX events_root_date_id ON events(root, date, id);
CREATE INDEX events_quad_date_id ON events(quad_class, date, id);
