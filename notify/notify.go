// Package notify sends alert transitions to people and systems: a webhook
// (JSON body, retries with backoff, an idempotency key so that a receiver
// sees each transition once) and a log. Both are a Sender.
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Notification is one alert transition, as sent.
type Notification struct {
	// Key is unique to the transition: the same alert reaching the same
	// state at the same time has the same key, so a repeat can be dropped.
	Key         string            `json:"key"`
	At          time.Time         `json:"at"`
	Rule        string            `json:"rule"`
	Fingerprint string            `json:"fingerprint"`
	Labels      map[string]string `json:"labels"`
	State       string            `json:"state"`
	Level       int               `json:"level"`
	Value       float64           `json:"value"`
	// ValueKind says what Value is: count, sum, ratio or z-score (see
	// rules.Alert.ValueKind).
	ValueKind   string            `json:"value_kind,omitempty"`
	Response    string            `json:"response,omitempty"`
	Events      []string          `json:"events"`
	Annotations map[string]string `json:"annotations,omitempty"`
	ActiveAt    time.Time         `json:"active_at"`
	FiredAt     time.Time         `json:"fired_at,omitzero"`
	ResolvedAt  time.Time         `json:"resolved_at,omitzero"`
}

// Sender delivers notifications. Send returns once n is delivered or
// cannot be; the error says why (the receiver refused it, or retries ran
// out, or ctx ended).
type Sender interface {
	Send(ctx context.Context, n Notification) error
}

// Log writes each notification as one JSON line.
type Log struct {
	mu sync.Mutex
	W  io.Writer
}

// Send implements Sender.
func (l *Log) Send(ctx context.Context, n Notification) error {
	b, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("log notification: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.W.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("log notification: %w", err)
	}
	return nil
}

// Webhook posts each notification as JSON to URL, with the header
// Idempotency-Key set to its Key. It retries network errors, 429 and 5xx
// answers with exponential backoff, and never sends a key twice once a
// receiver has accepted it.
type Webhook struct {
	URL    string
	Client *http.Client // nil: a client with a 10s timeout
	// Attempts is the most tries per notification (default 5); Backoff the
	// first wait, doubled after each failure (default 1s), and MaxBackoff
	// its cap (default 30s).
	Attempts            int
	Backoff, MaxBackoff time.Duration
	// Sleep waits between attempts; tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error

	mu   sync.Mutex
	sent map[string]bool
}

// ErrRejected wraps a 4xx answer: the receiver will not take it, so it is
// not retried.
var ErrRejected = errors.New("webhook rejected the notification")

// Send implements Sender.
func (w *Webhook) Send(ctx context.Context, n Notification) error {
	w.mu.Lock()
	if w.sent[n.Key] {
		w.mu.Unlock()
		return nil
	}
	w.mu.Unlock()
	body, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	attempts, wait, maxWait := w.Attempts, w.Backoff, w.MaxBackoff
	if attempts <= 0 {
		attempts = 5
	}
	if wait <= 0 {
		wait = time.Second
	}
	if maxWait <= 0 {
		maxWait = 30 * time.Second
	}
	sleep := w.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	var last error
	for i := 0; i < attempts; i++ {
		if i > 0 {
			if err := sleep(ctx, wait); err != nil {
				return fmt.Errorf("webhook %s: %w (last: %v)", n.Key, err, last)
			}
			wait = min(wait*2, maxWait)
		}
		retry, retryAfter, err := w.post(ctx, n.Key, body)
		if err == nil {
			w.mu.Lock()
			if w.sent == nil {
				w.sent = map[string]bool{}
			}
			w.sent[n.Key] = true
			w.mu.Unlock()
			return nil
		}
		last = err
		if !retry {
			return fmt.Errorf("webhook %s: %w", n.Key, err)
		}
		if retryAfter > wait {
			wait = min(retryAfter, maxWait)
		}
	}
	return fmt.Errorf("webhook %s: gave up after %d attempts: %w", n.Key, attempts, last)
}

func (w *Webhook) post(ctx context.Context, key string, body []byte) (retry bool, after time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return false, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	c := w.Client
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := c.Do(req)
	if err != nil {
		return ctx.Err() == nil, 0, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch {
	case resp.StatusCode < 300:
		return false, 0, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			after = time.Duration(s) * time.Second
		}
		return true, after, fmt.Errorf("%s answered %s", w.URL, resp.Status)
	default:
		return false, 0, fmt.Errorf("%w: %s answered %s", ErrRejected, w.URL, resp.Status)
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Multi sends to each sender in turn and joins their errors.
type Multi []Sender

// Send implements Sender.
func (m Multi) Send(ctx context.Context, n Notification) error {
	var errs []error
	for _, s := range m {
		if err := s.Send(ctx, n); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
