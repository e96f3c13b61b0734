package watchrows_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/rules/internal/watchrows"
)

// rows is a watchrows.Rows over one string column in memory.
type rows struct {
	data []string
	i    int
	err  error
}

func (r *rows) Next() bool { r.i++; return r.i <= len(r.data) }
func (r *rows) Err() error { return r.err }
func (r *rows) Scan(dest ...any) error {
	*dest[0].(*string) = r.data[r.i-1]
	return nil
}

func TestAlertsRoundTrip(t *testing.T) {
	at := time.Date(2023, 5, 29, 10, 0, 0, 123456789, time.UTC)
	want := []rules.Alert{
		{Fingerprint: "a1", Rule: "KosovoTension", Level: 1, State: rules.Firing, Value: 6, ActiveAt: at, LastActiveAt: at},
		{Fingerprint: "b2", Rule: "AttacksOnForce", Level: 2, State: rules.Pending, Events: []string{"e1"}, ActiveAt: at, LastActiveAt: at},
	}
	var bodies []string
	for _, a := range want {
		args, err := watchrows.AlertArgs(a)
		if err != nil {
			t.Fatal(err)
		}
		if args[0] != a.Fingerprint || args[1] != a.Rule || args[2] != a.State.String() {
			t.Errorf("AlertArgs(%s) = %v", a.Fingerprint, args[:3])
		}
		bodies = append(bodies, args[3].(string))
	}
	got, err := watchrows.Alerts(&rows{data: bodies})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Alerts = %+v, want %+v", got, want)
	}
}

func TestAlertsErrors(t *testing.T) {
	tests := []struct {
		name string
		r    *rows
		want string
	}{
		{"bad JSON", &rows{data: []string{"{"}}, "stored alert is not valid"},
		{"driver error", &rows{err: errors.New("connection lost")}, "load alert state: connection lost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := watchrows.Alerts(tt.r); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestEvaluatedAt(t *testing.T) {
	at := time.Date(2023, 6, 1, 12, 30, 0, 5, time.FixedZone("CEST", 7200))
	got, err := watchrows.EvaluatedAt(watchrows.FormatAt(at))
	if err != nil || !got.Equal(at) || got.Location() != time.UTC {
		t.Errorf("EvaluatedAt(FormatAt(%v)) = %v, %v; want the same instant in UTC", at, got, err)
	}
	if _, err := watchrows.EvaluatedAt("yesterday"); err == nil || !strings.Contains(err.Error(), `evaluated_at "yesterday"`) {
		t.Errorf("error %v, want one quoting the stored value", err)
	}
}

// anyRows is a watchrows.Rows over values of any column types in memory.
type anyRows struct {
	data [][]any
	i    int
}

func (r *anyRows) Next() bool { r.i++; return r.i <= len(r.data) }
func (r *anyRows) Err() error { return nil }
func (r *anyRows) Scan(dest ...any) error {
	for j, v := range r.data[r.i-1] {
		reflect.ValueOf(dest[j]).Elem().Set(reflect.ValueOf(v))
	}
	return nil
}

func TestAuditRoundTrip(t *testing.T) {
	at := time.Date(2023, 5, 29, 10, 0, 0, 5, time.FixedZone("CEST", 7200))
	c := playbook.Change{At: at.UTC(), Unit: "KFOR-1", From: "standby", To: "deployed", Where: "Zvečan",
		By: "watch", Why: "L2", Alert: "a1", Rule: "AttacksOnForce", Level: 2, Response: "deploy"}
	tests := []struct {
		name string
		at   any
		col  watchrows.AtColumn
	}{
		{"text", watchrows.FormatAt(at), watchrows.TextTime},
		{"native", at, watchrows.NativeTime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := watchrows.Audit(&anyRows{data: [][]any{watchrows.AuditArgs(c, tt.at)}}, tt.col)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || !reflect.DeepEqual(got[0], c) {
				t.Errorf("Audit = %+v, want %+v", got, c)
			}
		})
	}
	_, err := watchrows.Audit(&anyRows{data: [][]any{watchrows.AuditArgs(c, "noon")}}, watchrows.TextTime)
	if err == nil || !strings.Contains(err.Error(), `read audit log: time "noon"`) {
		t.Errorf("error %v, want one quoting the stored time", err)
	}
}

func TestAcks(t *testing.T) {
	at := time.Date(2023, 5, 29, 18, 0, 0, 5, time.FixedZone("CEST", 7200))
	tests := []struct {
		name string
		at   any
		col  watchrows.AtColumn
	}{
		{"text", watchrows.FormatAt(at), watchrows.TextTime},
		{"native", at, watchrows.NativeTime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &anyRows{data: [][]any{{"a1", "officer", "30 injured", tt.at}, {"b2", "j3", "", tt.at}}}
			var got []string
			err := watchrows.Acks(r, tt.col, func(fp, by, why string, when time.Time) {
				if !when.Equal(at) || when.Location() != time.UTC {
					t.Errorf("%s acknowledged at %v, want %v in UTC", fp, when, at)
				}
				got = append(got, fp+"/"+by+"/"+why)
			})
			if want := []string{"a1/officer/30 injured", "b2/j3/"}; err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("Acks = %q, %v; want %q", got, err, want)
			}
		})
	}
	err := watchrows.Acks(&anyRows{data: [][]any{{"a1", "officer", "", "noon"}}}, watchrows.TextTime, func(string, string, string, time.Time) {
		t.Error("fn called for a row with a bad time")
	})
	if err == nil || !strings.Contains(err.Error(), `load acknowledgements: a1: time "noon"`) {
		t.Errorf("error %v, want one naming the alert and quoting the stored time", err)
	}
	err = watchrows.Acks(&rows{err: errors.New("connection lost")}, watchrows.TextTime, nil)
	if err == nil || !strings.Contains(err.Error(), "load acknowledgements: connection lost") {
		t.Errorf("error %v, want the driver's", err)
	}
}
