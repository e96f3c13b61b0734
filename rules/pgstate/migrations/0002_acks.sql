-- Acknowledgements of alerts on faultline serve's board: the latest per
-- alert, so that an acknowledged alert still shows who saw it and why after
-- a restart. Unit changes they ordered are in watch_audit.
CREATE TABLE watch_acks (
	fingerprint TEXT PRIMARY KEY,
	by_whom     TEXT NOT NULL,
	why         TEXT NOT NULL,
	at          TIMESTAMPTZ NOT NULL
);
