-- The documents that mention an event, joined by char(31), kept beside it
-- so that reading an event costs one row, not a look-up in mentions for
-- each (a full scan spent a third of its time there). Events stored before
-- this column keep NULL, and their readers fall back to mentions.
ALTER TABLE events ADD COLUMN docs TEXT;
