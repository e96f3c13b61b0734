package httpapi

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Alerts is the alert board behind /api/v1/alerts. List returns the alerts
// held (pending, firing, recently resolved); Ack records that who has seen
// the alert with id and why, moving its playbook response on, and returns
// the alert as it is after; it returns faultline.ErrNotFound for an
// unknown id. Implementations must be safe for concurrent use.
type Alerts interface {
	List(ctx context.Context) ([]Alert, error)
	Ack(ctx context.Context, id, who, why string) (Alert, error)
}

// Alert is an alert as the API shows it.
type Alert struct {
	ID          string            `json:"id"`
	Rule        string            `json:"rule"`
	Group       string            `json:"group"`
	State       string            `json:"state"` // pending, firing or resolved
	Level       int               `json:"level"`
	Labels      map[string]string `json:"labels"`
	Value       float64           `json:"value"`
	Current     float64           `json:"current"`
	Baseline    float64           `json:"baseline"`
	Count       int               `json:"count"`
	Events      []string          `json:"events"` // ids of the events that are its evidence
	Annotations map[string]string `json:"annotations,omitempty"`
	ActiveAt    time.Time         `json:"active_at"`
	FiredAt     time.Time         `json:"fired_at,omitzero"`
	ResolvedAt  time.Time         `json:"resolved_at,omitzero"`
	Response    *Response         `json:"response,omitempty"`
	Ack         *Ack              `json:"ack,omitempty"`
	// History is the states the alert went through, oldest first (on the
	// board of GET /api/v1/board).
	History []HistoryStep `json:"history,omitempty"`
}

// Response is the playbook's pre-planned answer to an alert: its rung of
// the escalation ladder and the unit orders that acknowledging it gives.
type Response struct {
	Level  int         `json:"level"`
	Name   string      `json:"name"`
	Action string      `json:"action"`
	Units  []UnitOrder `json:"units,omitempty"`
	// Status is "proposed" until an operator acknowledges the alert,
	// then "ordered".
	Status string `json:"status"`
}

// UnitOrder is a unit a response moves: Want is the status the response
// orders, Now the unit's status in the registry.
type UnitOrder struct {
	Unit     string `json:"unit"`
	Name     string `json:"name,omitempty"`
	Strength int    `json:"strength,omitempty"`
	Want     string `json:"want"`
	Now      string `json:"now"`
	Where    string `json:"where,omitempty"`
}

// Ack is an operator's acknowledgement.
type Ack struct {
	By  string    `json:"by"`
	Why string    `json:"why"`
	At  time.Time `json:"at"`
}

// stateRank orders the board: firing first, then pending, then resolved.
var stateRank = map[string]int{"firing": 0, "pending": 1, "resolved": 2}

func (s *Server) listAlerts(w http.ResponseWriter, r *http.Request) error {
	out := []Alert{}
	if s.cfg.Alerts != nil {
		as, err := s.cfg.Alerts.List(r.Context())
		if err != nil {
			return err
		}
		out = append(out, as...)
	}
	if st := r.URL.Query().Get("state"); st != "" {
		kept := out[:0]
		for _, a := range out {
			if a.State == st {
				kept = append(kept, a)
			}
		}
		out = kept
	}
	sort.SliceStable(out, func(i, j int) bool {
		if stateRank[out[i].State] != stateRank[out[j].State] {
			return stateRank[out[i].State] < stateRank[out[j].State]
		}
		if out[i].Level != out[j].Level {
			return out[i].Level > out[j].Level
		}
		return out[i].ActiveAt.After(out[j].ActiveAt)
	})
	reply(w, http.StatusOK, out, "")
	return nil
}

// ackRequest is the body of POST /api/v1/alerts/{id}/ack.
type ackRequest struct {
	Who string `json:"who"`
	Why string `json:"why"`
}

func (s *Server) ackAlert(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Alerts == nil {
		return errorf(KindNotFound, "no such alert")
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	var req ackRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return errorf(KindInvalid, `body is {"who": "...", "why": "..."}`)
	}
	req.Who, req.Why = strings.TrimSpace(req.Who), strings.TrimSpace(req.Why)
	if req.Who == "" || req.Why == "" || !utf8.ValidString(req.Who+req.Why) || len(req.Who) > 200 || len(req.Why) > 2000 {
		return errorf(KindInvalid, "who (up to 200 bytes) and why (up to 2000) are required")
	}
	a, err := s.cfg.Alerts.Ack(r.Context(), r.PathValue("id"), req.Who, req.Why)
	if err != nil {
		return err
	}
	s.refreshCache(r.Context())
	reply(w, http.StatusOK, a, "")
	return nil
}
