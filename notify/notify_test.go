package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/faultline/faultline/notify"
)

// receiver is a webhook endpoint that fails the first `fail` posts of each
// key with status `code`, and records what it accepted.
type receiver struct {
	mu       sync.Mutex
	fail     int
	code     int
	tries    map[string]int
	accepted []notify.Notification
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := req.Header.Get("Idempotency-Key")
	r.tries[key]++
	if r.tries[key] <= r.fail {
		w.WriteHeader(r.code)
		return
	}
	var n notify.Notification
	if err := json.NewDecoder(req.Body).Decode(&n); err != nil || n.Key != key {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	r.accepted = append(r.accepted, n)
}

func newWebhook(t *testing.T, rc *receiver) (*notify.Webhook, *[]time.Duration) {
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)
	var waits []time.Duration
	w := &notify.Webhook{URL: srv.URL, Attempts: 4, Backoff: 100 * time.Millisecond,
		Sleep: func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }}
	return w, &waits
}

func note(key, state string) notify.Notification {
	return notify.Notification{Key: key, Rule: "AttacksOnForce", State: state, Level: 2,
		Response: "Deploy the reserve", Events: []string{"e1"}, At: time.Date(2023, 5, 29, 0, 0, 0, 0, time.UTC)}
}

func TestWebhookRetriesWithBackoff(t *testing.T) {
	rc := &receiver{fail: 2, code: http.StatusServiceUnavailable, tries: map[string]int{}}
	w, waits := newWebhook(t, rc)
	if err := w.Send(context.Background(), note("k1", "firing")); err != nil {
		t.Fatal(err)
	}
	if len(rc.accepted) != 1 || rc.tries["k1"] != 3 {
		t.Errorf("accepted %d after %d tries", len(rc.accepted), rc.tries["k1"])
	}
	if len(*waits) != 2 || (*waits)[0] != 100*time.Millisecond || (*waits)[1] != 200*time.Millisecond {
		t.Errorf("waits %v, want 100ms then 200ms", *waits)
	}
}

func TestWebhookNoDuplicatesAndResolutionSent(t *testing.T) {
	rc := &receiver{tries: map[string]int{}}
	w, _ := newWebhook(t, rc)
	ctx := context.Background()
	for _, n := range []notify.Notification{note("k1", "firing"), note("k1", "firing"), note("k2", "resolved")} {
		if err := w.Send(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	if len(rc.accepted) != 2 || rc.accepted[0].State != "firing" || rc.accepted[1].State != "resolved" {
		t.Errorf("accepted %+v, want one firing and one resolved", rc.accepted)
	}
	if rc.accepted[0].Response != "Deploy the reserve" {
		t.Errorf("response not carried: %+v", rc.accepted[0])
	}
}

func TestWebhookGivesUp(t *testing.T) {
	for _, c := range []struct {
		name      string
		code      int
		tries     int
		rejection bool
	}{
		{"server errors are retried", http.StatusInternalServerError, 4, false},
		{"client errors are not", http.StatusUnprocessableEntity, 1, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			rc := &receiver{fail: 100, code: c.code, tries: map[string]int{}}
			w, _ := newWebhook(t, rc)
			err := w.Send(context.Background(), note("k", "firing"))
			if err == nil || rc.tries["k"] != c.tries || errors.Is(err, notify.ErrRejected) != c.rejection {
				t.Errorf("err %v after %d tries", err, rc.tries["k"])
			}
		})
	}
}

func TestLog(t *testing.T) {
	var b bytes.Buffer
	l := &notify.Log{W: &b}
	if err := l.Send(context.Background(), note("k", "firing")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"state":"firing"`) || !strings.HasSuffix(b.String(), "\n") {
		t.Errorf("log line %q", b.String())
	}
}
