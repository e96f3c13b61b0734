package notify

import (
	"fmt"
	"time"

	"github.com/faultline/faultline/rules"
)

// FromTransition is the notification of an alert transition, carrying the
// response the playbook gives its level ("" for none). The key is the
// alert's fingerprint, its new state and the time it began that state, so
// a transition replayed after a restart keeps its key.
func FromTransition(tr rules.Transition, response string) Notification {
	a := tr.Alert
	since := a.ActiveAt
	switch a.State {
	case rules.Firing:
		since = a.FiredAt
	case rules.Resolved:
		since = a.ResolvedAt
	case rules.Inactive:
		since = tr.At
	}
	events := a.Events
	if events == nil {
		events = []string{}
	}
	return Notification{
		Key:         fmt.Sprintf("%s-%s-%s", a.Fingerprint, a.State, since.UTC().Format(time.RFC3339)),
		At:          tr.At,
		Rule:        a.Rule,
		Fingerprint: a.Fingerprint,
		Labels:      a.Labels,
		State:       a.State.String(),
		Level:       a.Level,
		Value:       a.Value,
		ValueKind:   a.ValueKind,
		Response:    response,
		Events:      events,
		Annotations: a.Annotations,
		ActiveAt:    a.ActiveAt,
		FiredAt:     a.FiredAt,
		ResolvedAt:  a.ResolvedAt,
	}
}
