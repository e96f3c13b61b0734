package httpapi_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"runtime/pprof"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
)

var (
	loadFor     = flag.Duration("load", 0, "run the load test for this long (e.g. 30s); 0 skips it")
	loadReaders = flag.Int("load-readers", 200, "concurrent readers of the load test")
	loadWrites  = flag.Bool("load-writes", true, "post documents during the load test")
)

// TestLoad puts readers of /api/v1/events against the server on loopback
// while a writer posts documents, and reports errors and latency
// percentiles. It fails on any error; latency is reported, not asserted.
//
//	go test ./httpapi -run TestLoad -load 30s -v
func TestLoad(t *testing.T) {
	if *loadFor == 0 {
		t.Skip("load test: run with -load 30s")
	}
	ts := newTestServer(t, nil)
	// A store of some size: 2,000 documents coded into 2,000 events.
	docs := sampleDocs(2000)
	for i := 0; i < len(docs); i += 500 {
		ts.post(t, docs[i:i+500]...)
	}
	tr := &http.Transport{MaxIdleConns: 1000, MaxIdleConnsPerHost: 1000}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	queries := []string{
		"limit=100", "country=XKX&limit=100", "quad=4&limit=50", "from=2025-09-10&to=2025-09-20&limit=100",
		"actor=KSV&limit=20", "bbox=20.5,42.5,21,43&limit=100", "root=18&limit=100", "limit=10",
	}
	var (
		stop     atomic.Bool
		errs     atomic.Int64
		writes   atomic.Int64
		mu       sync.Mutex
		lats     []time.Duration
		firstErr atomic.Value
	)
	var wg sync.WaitGroup
	// The load generator shares the CPUs with the server: its goroutines
	// (and the transport's, which inherit the label) are labelled so that a
	// CPU profile tells the two apart (go tool pprof -tagfocus side=client).
	clientCtx := pprof.WithLabels(context.Background(), pprof.Labels("side", "client"))
	cpu0 := processCPU()
	for r := range *loadReaders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pprof.SetGoroutineLabels(clientCtx)
			var mine []time.Duration
			for i := r; !stop.Load(); i++ {
				start := time.Now()
				res, err := client.Get(ts.URL + "/api/v1/events?" + queries[i%len(queries)])
				if err == nil {
					// The envelope's head says whether the reply is good;
					// the rest is read, not parsed, to spare the CPU the
					// server shares with this client.
					head := make([]byte, len(`{"ok":true`))
					_, err = io.ReadFull(res.Body, head)
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if err == nil && (res.StatusCode != 200 || string(head) != `{"ok":true`) {
						err = fmt.Errorf("status %d: %s", res.StatusCode, head)
					}
				}
				mine = append(mine, time.Since(start))
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
			mu.Lock()
			lats = append(lats, mine...)
			mu.Unlock()
		}()
	}
	// The writer: five documents every 250 ms, as a feed would post them.
	wg.Add(1)
	go func() {
		defer wg.Done()
		pprof.SetGoroutineLabels(clientCtx)
		for n := 0; *loadWrites && !stop.Load(); n++ {
			batch := make([]faultline.Document, 5)
			for k := range batch {
				d := sampleDocs(1)[0]
				d.ID = fmt.Sprintf("live-%d-%d", n, k)
				d.Date = fmt.Sprintf("2025-09-%02d", 1+(n+k)%28)
				d.Text = fmt.Sprintf("Officials attacked counterparts in live town %d. %s", n*10+k, filler(100000+n*10+k))
				batch[k] = d
			}
			b, _ := json.Marshal(batch)
			req, _ := http.NewRequest("POST", ts.URL+"/api/v1/documents", bytesReader(b))
			req.Header.Set("Authorization", "Bearer "+testToken)
			req.Header.Set("Content-Type", "application/json")
			res, err := client.Do(req)
			if err != nil || res.StatusCode != 201 {
				errs.Add(1)
				firstErr.CompareAndSwap(nil, fmt.Sprint("write: ", err, res))
			} else {
				writes.Add(int64(len(batch)))
			}
			if res != nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			time.Sleep(250 * time.Millisecond)
		}
	}()
	time.Sleep(*loadFor)
	stop.Store(true)
	wg.Wait()
	cpu := processCPU() - cpu0
	sort.Slice(lats, func(i, j int) bool { return lats[i] < lats[j] })
	pct := func(p float64) time.Duration { return lats[min(len(lats)-1, int(p*float64(len(lats))))] }
	t.Logf("%d readers for %s: %d reads (%.0f/s), %d documents written, %d errors; latency p50 %s, p90 %s, p99 %s, max %s",
		*loadReaders, *loadFor, len(lats), float64(len(lats))/loadFor.Seconds(), writes.Load(), errs.Load(),
		pct(0.50).Round(time.Microsecond), pct(0.90).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), lats[len(lats)-1].Round(time.Microsecond))
	t.Logf("process CPU (server and load generator) %.1fs, %.0f%% of one core; %d CPUs", cpu.Seconds(), 100*cpu.Seconds()/loadFor.Seconds(), runtime.NumCPU())
	if errs.Load() > 0 {
		t.Errorf("%d errors, first: %v", errs.Load(), firstErr.Load())
	}
}

// processCPU is the user and system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
