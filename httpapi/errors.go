package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"

	faultline "github.com/faultline/faultline"
)

// Kind classifies an error for API clients. Each kind has one HTTP status
// (statusOf); internal details never reach the client.
type Kind string

// The error kinds of the API.
const (
	KindInvalid      Kind = "invalid"            // the request is malformed (400)
	KindUnauthorized Kind = "unauthorized"       // no or wrong bearer token (401)
	KindNotFound     Kind = "not_found"          // no such record or route (404)
	KindMethod       Kind = "method_not_allowed" // the route exists for other methods (405)
	KindTooLarge     Kind = "too_large"          // the body is over the limit (413)
	KindMediaType    Kind = "unsupported_media"  // a body type the route does not read (415)
	KindTimeout      Kind = "request_timeout"    // the body came too slowly (408)
	KindRateLimited  Kind = "rate_limited"       // too many requests or failed logins (429)
	KindUnavailable  Kind = "unavailable"        // not configured, shutting down or timed out (503)
	KindInternal     Kind = "internal"           // anything else (500)
)

// statusOf is the one table from error kinds to HTTP statuses.
var statusOf = map[Kind]int{
	KindInvalid:      http.StatusBadRequest,
	KindUnauthorized: http.StatusUnauthorized,
	KindNotFound:     http.StatusNotFound,
	KindMethod:       http.StatusMethodNotAllowed,
	KindTooLarge:     http.StatusRequestEntityTooLarge,
	KindMediaType:    http.StatusUnsupportedMediaType,
	KindTimeout:      http.StatusRequestTimeout,
	KindRateLimited:  http.StatusTooManyRequests,
	KindUnavailable:  http.StatusServiceUnavailable,
	KindInternal:     http.StatusInternalServerError,
}

// Error is an error meant for the client: its Message is shown as is.
type Error struct {
	Kind    Kind
	Message string
}

func (e *Error) Error() string { return string(e.Kind) + ": " + e.Message }

func errorf(k Kind, msg string) *Error { return &Error{Kind: k, Message: msg} }

// classify turns any error into what the client may see. Errors that are
// not *Error become KindInternal with a fixed message; the caller logs the
// original.
func classify(err error) *Error {
	var e *Error
	var mbe *http.MaxBytesError
	var ne net.Error
	switch {
	case errors.As(err, &e):
		return e
	case errors.As(err, &mbe):
		return errorf(KindTooLarge, "request body too large")
	case errors.As(err, &ne) && ne.Timeout():
		// The connection's read deadline passed while the body was read.
		return errorf(KindTimeout, "the request body came too slowly")
	case errors.Is(err, faultline.ErrNotFound):
		return errorf(KindNotFound, "not found")
	case errors.Is(err, context.DeadlineExceeded):
		return errorf(KindUnavailable, "the request took too long")
	case errors.Is(err, context.Canceled):
		return errorf(KindUnavailable, "the request was cancelled")
	}
	return errorf(KindInternal, "internal error")
}

// envelope is the shape of every JSON reply: Data on success, Error on
// failure, Next when a list has more pages.
type envelope struct {
	OK    bool       `json:"ok"`
	Data  any        `json:"data,omitempty"`
	Next  string     `json:"next,omitempty"`
	Error *errorBody `json:"error,omitempty"`
}

type errorBody struct {
	Kind    Kind   `json:"kind"`
	Message string `json:"message"`
}

// writeJSON writes v as the reply's JSON body with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"ok":false,"error":{"kind":"internal","message":"internal error"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// reply writes a successful envelope.
func reply(w http.ResponseWriter, status int, data any, next string) {
	writeJSON(w, status, envelope{OK: true, Data: data, Next: next})
}
