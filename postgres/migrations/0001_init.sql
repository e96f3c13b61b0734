-- Documents, as read, with what ingest learnt about them. state is the
-- queue: 0 waiting, 1 claimed by the backend claimed_pid, 2 coded.
CREATE TABLE documents (
	seq         BIGSERIAL PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	url         TEXT NOT NULL DEFAULT '',
	source      TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL,
	hash        TEXT NOT NULL UNIQUE,
	signature   BYTEA,
	near_of     TEXT,
	similarity  DOUBLE PRECISION,
	ingested_at TIMESTAMPTZ NOT NULL,
	state       SMALLINT NOT NULL DEFAULT 0,
	claimed_pid INTEGER,
	claimed_at  TIMESTAMPTZ,
	tsv         tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || text)) STORED
);
CREATE INDEX documents_queue ON documents (seq) WHERE state < 2;
CREATE INDEX documents_tsv ON documents USING gin (tsv);
CREATE INDEX documents_near ON documents (near_of) WHERE near_of IS NOT NULL;

-- MinHash LSH band keys: documents sharing a key are near-copy candidates.
CREATE TABLE document_bands (
	band BIGINT NOT NULL,
	doc  BIGINT NOT NULL REFERENCES documents (seq),
	PRIMARY KEY (band, doc)
);

CREATE TABLE places (
	id        BIGSERIAL PRIMARY KEY,
	name      TEXT NOT NULL,
	country   TEXT NOT NULL,
	admin1    TEXT NOT NULL,
	lat       DOUBLE PRECISION NOT NULL,
	lon       DOUBLE PRECISION NOT NULL,
	precision TEXT NOT NULL,
	UNIQUE (name, country, admin1, lat, lon, precision)
);

-- One row per incident; body is the event as first coded (JSON, every
-- CONTRACT.md field); the other columns are there to be searched.
-- Text columns that are compared as ranges or sorted use the "C" collation:
-- byte order, whatever the cluster's locale, as SQLite and Go compare.
CREATE TABLE events (
	seq            BIGSERIAL PRIMARY KEY,
	id             TEXT COLLATE "C" NOT NULL UNIQUE,
	doc_id         TEXT COLLATE "C" NOT NULL,
	date           TEXT COLLATE "C" NOT NULL,
	source         TEXT COLLATE "C" NOT NULL,
	target         TEXT COLLATE "C" NOT NULL,
	source_country TEXT COLLATE "C" NOT NULL,
	target_country TEXT COLLATE "C" NOT NULL,
	cameo          TEXT COLLATE "C" NOT NULL,
	root           TEXT COLLATE "C" NOT NULL,
	quad_class     INTEGER NOT NULL,
	modality       TEXT COLLATE "C" NOT NULL,
	country        TEXT COLLATE "C" NOT NULL DEFAULT '',
	place          BIGINT REFERENCES places (id),
	lat            DOUBLE PRECISION,
	lon            DOUBLE PRECISION,
	mentions       INTEGER NOT NULL DEFAULT 1,
	body           TEXT NOT NULL
);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_country_date ON events (country, date);
CREATE INDEX events_source ON events (source, date);
CREATE INDEX events_target ON events (target, date);
CREATE INDEX events_dyad ON events (source_country, target_country, date);
CREATE INDEX events_root ON events (root, date);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_geo ON events USING gist (point(lon, lat)) WHERE lat IS NOT NULL;

-- Which documents mention which event: one row per coded event, the first
-- included; id is the id the coder gave it.
CREATE TABLE mentions (
	id       TEXT PRIMARY KEY,
	event    BIGINT NOT NULL REFERENCES events (seq),
	doc_id   TEXT COLLATE "C" NOT NULL,
	sentence INTEGER NOT NULL,
	start    INTEGER NOT NULL,
	stop     INTEGER NOT NULL
);
CREATE INDEX mentions_event ON mentions (event);
CREATE INDEX mentions_doc ON mentions (doc_id);
