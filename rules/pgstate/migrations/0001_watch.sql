-- Alert state of `faultline watch`: one row per alert held (pending, firing,
-- recently resolved), body the alert as JSON text (kept byte for byte, so
-- that times keep their nanoseconds); watch_meta the last evaluation.
CREATE TABLE watch_alerts (
	fingerprint TEXT PRIMARY KEY,
	rule        TEXT NOT NULL,
	state       TEXT NOT NULL,
	body        TEXT NOT NULL
);
CREATE TABLE watch_meta (
	name  TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- The force registry: each unit's current status.
CREATE TABLE watch_units (
	id       TEXT PRIMARY KEY,
	name     TEXT NOT NULL,
	strength INTEGER NOT NULL,
	status   TEXT NOT NULL,
	location TEXT NOT NULL
);

-- Every unit status change, oldest first; never updated or deleted.
CREATE TABLE watch_audit (
	seq         BIGSERIAL PRIMARY KEY,
	at          TIMESTAMPTZ NOT NULL,
	unit        TEXT NOT NULL REFERENCES watch_units(id),
	from_status TEXT NOT NULL,
	to_status   TEXT NOT NULL,
	location    TEXT NOT NULL,
	by_whom     TEXT NOT NULL,
	why         TEXT NOT NULL,
	alert       TEXT NOT NULL,
	rule        TEXT NOT NULL,
	level       INTEGER NOT NULL,
	response    TEXT NOT NULL
);
