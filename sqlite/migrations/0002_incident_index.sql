-- The incident rule looks events up by root, both actors' countries and a
-- few days: this index answers that without reading other dyads' events.
CREATE INDEX events_incident ON events(root, source_country, target_country, date);
