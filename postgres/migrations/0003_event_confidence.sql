-- The trained event model's confidence of each event (package judge), for
-- the min_confidence filter; events stored before it have 0.
ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION NOT NULL DEFAULT 0;
