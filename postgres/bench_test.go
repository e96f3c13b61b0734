package postgres_test

import (
	"context"
	"flag"
	"testing"
	"time"

	"github.com/faultline/faultline/postgres"
	"github.com/faultline/faultline/storetest"
	"github.com/jackc/pgx/v5"
)

var benchEvents = flag.Int("events", 1000000, "events generated for BenchmarkEventsByCountryTime")

// BenchmarkEventsByCountryTime generates events (-events, default
// 1,000,000) over 200 countries and three years straight into the tables,
// then times queries by country and a 30-day window after a warm-up pass;
// it reports the 95th percentile latency in milliseconds.
func BenchmarkEventsByCountryTime(b *testing.B) {
	url := newSchema(b)
	ctx := context.Background()
	s, err := postgres.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	start := time.Now()
	_, err = conn.Exec(ctx, `INSERT INTO events (id, doc_id, date, source, target, source_country, target_country, cameo, root,
			quad_class, modality, country, body)
		SELECT 'g' || i, 'doc' || (i / 3), d, 'SRBCVL', 'KSVCOP', 'SRB', 'KSV', '145', '14', 3, 'asserted', c,
			json_build_object('id', 'g' || i, 'doc_id', 'doc' || (i / 3), 'date', d, 'cameo', '145', 'root', '14',
				'quad_class', 3, 'modality', 'asserted',
				'location', json_build_object('name', 'x', 'country', c, 'lat', 0.0, 'lon', 0.0),
				'source', json_build_object('code', 'SRBCVL'), 'target', json_build_object('code', 'KSVCOP'),
				'evidence', json_build_object('start', 0, 'end', 10))::text
		FROM (SELECT i, to_char(date '2021-01-01' + (i::bigint * 7919 % 1095)::int, 'YYYY-MM-DD') AS d,
			'C' || lpad((i * 31 % 200)::text, 2, '0') AS c FROM generate_series(0::bigint, $1 - 1) AS i) g`, *benchEvents)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `INSERT INTO mentions (id, event, doc_id, sentence, start, stop) SELECT id, seq, doc_id, 0, 0, 10 FROM events`); err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d events in %s", *benchEvents, time.Since(start).Round(time.Millisecond))
	storetest.BenchEventsByCountry(b, s)
}
