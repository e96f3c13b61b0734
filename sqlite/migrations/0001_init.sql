-- Documents, as read, with what ingest learnt about them. coded = 0 is the
-- queue of documents waiting for a coder.
CREATE TABLE documents (
	seq         INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	url         TEXT NOT NULL DEFAULT '',
	source      TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL,
	hash        TEXT NOT NULL UNIQUE,
	signature   BLOB,
	near_of     TEXT,
	similarity  REAL,
	ingested_at TEXT NOT NULL,
	coded       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_queue ON documents(seq) WHERE coded = 0;
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_near ON documents(near_of) WHERE near_of IS NOT NULL;

-- MinHash LSH band keys: documents sharing a key are near-copy candidates.
CREATE TABLE document_bands (
	band INTEGER NOT NULL,
	doc  INTEGER NOT NULL REFERENCES documents(seq),
	PRIMARY KEY (band, doc)
) WITHOUT ROWID;

-- Full-text index over documents. AddDocuments fills it with one statement
-- per batch: a trigger per row would flush FTS5's buffers at every insert.
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='seq');

CREATE TABLE places (
	id        INTEGER PRIMARY KEY,
	name      TEXT NOT NULL,
	country   TEXT NOT NULL,
	admin1    TEXT NOT NULL,
	lat       REAL NOT NULL,
	lon       REAL NOT NULL,
	precision TEXT NOT NULL,
	UNIQUE (name, country, admin1, lat, lon, precision)
);

-- One row per incident. body is the event as first coded, as JSON (every
-- CONTRACT.md field); the other columns are there to be searched.
CREATE TABLE events (
	seq            INTEGER PRIMARY KEY,
	id             TEXT NOT NULL UNIQUE,
	doc_id         TEXT NOT NULL,
	date           TEXT NOT NULL,
	source         TEXT NOT NULL,
	target         TEXT NOT NULL,
	source_country TEXT NOT NULL,
	target_country TEXT NOT NULL,
	cameo          TEXT NOT NULL,
	root           TEXT NOT NULL,
	quad_class     INTEGER NOT NULL,
	modality       TEXT NOT NULL,
	country        TEXT NOT NULL DEFAULT '',
	place          INTEGER REFERENCES places(id),
	mentions       INTEGER NOT NULL DEFAULT 1,
	body           TEXT NOT NULL
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_country_date ON events(country, date);
CREATE INDEX events_source ON events(source, date);
CREATE INDEX events_target ON events(target, date);
CREATE INDEX events_dyad ON events(source_country, target_country, date);
CREATE INDEX events_root ON events(root, date);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_doc ON events(doc_id);

CREATE VIRTUAL TABLE events_rtree USING rtree(seq, min_lon, max_lon, min_lat, max_lat);

-- Which documents mention which event: one row per coded event, the first
-- one included; id is the id the coder gave it.
CREATE TABLE mentions (
	id       TEXT PRIMARY KEY,
	event    INTEGER NOT NULL REFERENCES events(seq),
	doc_id   TEXT NOT NULL,
	sentence INTEGER NOT NULL,
	start    INTEGER NOT NULL,
	stop     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX mentions_event ON mentions(event);
CREATE INDEX mentions_doc ON mentions(doc_id);
