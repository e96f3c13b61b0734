package nearcopy_test

import (
	"slices"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/internal/nearcopy"
)

func TestNearest(t *testing.T) {
	sig := []uint32{1, 2, 3, 4, 5}
	// Similarities to sig: a 0.8, b 0.8, c 0.4 (below the 0.6 threshold).
	a := nearcopy.Candidate{ID: "a", Sig: []uint32{1, 2, 3, 4, 9}}
	b := nearcopy.Candidate{ID: "b", Sig: []uint32{1, 2, 3, 9, 5}, NearOf: "0"}
	c := nearcopy.Candidate{ID: "c", Sig: []uint32{1, 2, 9, 9, 9}}
	exact := nearcopy.Candidate{ID: "z", Sig: []uint32{1, 2, 3, 4, 5}}
	tests := []struct {
		name    string
		add     map[int64][]nearcopy.Candidate
		keys    []int64
		wantID  string
		wantSim float64
	}{
		{"none", nil, []int64{1}, "", 0},
		{"below threshold", map[int64][]nearcopy.Candidate{1: {c}}, []int64{1}, "", 0},
		{"one", map[int64][]nearcopy.Candidate{1: {a, c}}, []int64{1}, "a", 0.8},
		{"tie goes to the smaller id, a near-copy to its original", map[int64][]nearcopy.Candidate{1: {a}, 2: {b}}, []int64{1, 2}, "0", 0.8},
		{"most similar wins", map[int64][]nearcopy.Candidate{1: {a}, 2: {exact}}, []int64{2, 1}, "z", 1},
		{"only the keys asked", map[int64][]nearcopy.Candidate{1: {a}, 2: {exact}}, []int64{1}, "a", 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := nearcopy.Candidates{}
			for k, list := range tt.add {
				for _, cd := range list {
					cs.Add([]int64{k}, cd)
				}
			}
			id, sim := cs.Nearest(sig, tt.keys)
			if id != tt.wantID || sim != tt.wantSim {
				t.Errorf("Nearest = %q %v, want %q %v", id, sim, tt.wantID, tt.wantSim)
			}
		})
	}
}

// rows is a nearcopy.Rows over values in memory.
type rows struct {
	data [][]any
	i    int
}

func (r *rows) Next() bool { r.i++; return r.i <= len(r.data) }
func (r *rows) Err() error { return nil }
func (r *rows) Scan(dest ...any) error {
	row := r.data[r.i-1]
	*dest[0].(*int64) = row[0].(int64)
	*dest[1].(*string) = row[1].(string)
	*dest[2].(*[]byte) = row[2].([]byte)
	*dest[3].(*string) = row[3].(string)
	return nil
}

func TestScan(t *testing.T) {
	cs := nearcopy.Candidates{}
	err := cs.Scan(&rows{data: [][]any{
		{int64(7), "d1", nearcopy.EncodeSig([]uint32{1, 2}), ""},
		{int64(7), "d2", nearcopy.EncodeSig([]uint32{3, 4}), "d1"},
		{int64(8), "d2", nearcopy.EncodeSig([]uint32{3, 4}), "d1"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs[7]) != 2 || len(cs[8]) != 1 {
		t.Fatalf("candidates %+v, want 2 under key 7 and 1 under 8", cs)
	}
	if got := cs[7][1]; got.ID != "d2" || got.NearOf != "d1" || !slices.Equal(got.Sig, []uint32{3, 4}) {
		t.Errorf("second candidate of key 7 = %+v", got)
	}
}

func FuzzSig(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		sig := nearcopy.DecodeSig(b)
		if len(sig) != len(b)/4 {
			t.Fatalf("%d bytes decode to %d values", len(b), len(sig))
		}
		if got := nearcopy.DecodeSig(nearcopy.EncodeSig(sig)); !slices.Equal(got, sig) {
			t.Errorf("round trip of %v gives %v", sig, got)
		}
	})
}

// pairs is a nearcopy.Rows over (id, hash) rows in memory.
type pairs struct {
	data [][2]string
	i    int
}

func (r *pairs) Next() bool { r.i++; return r.i <= len(r.data) }
func (r *pairs) Err() error { return nil }
func (r *pairs) Scan(dest ...any) error {
	*dest[0].(*string), *dest[1].(*string) = r.data[r.i-1][0], r.data[r.i-1][1]
	return nil
}

func TestKnownAndKeys(t *testing.T) {
	ids, hashes, err := nearcopy.Known(&pairs{data: [][2]string{{"d1", "h1"}, {"d2", "h2"}}})
	if err != nil {
		t.Fatal(err)
	}
	docs := []faultline.NewDocument{
		{Document: faultline.Document{ID: "d1"}, Hash: "hx"}, // stored already
		{Document: faultline.Document{ID: "n1"}, Hash: "h2"}, // an exact copy of d2
		{Document: faultline.Document{ID: "n2"}, Hash: "h3"}, // new
		{Document: faultline.Document{ID: "n3"}, Hash: "h4"}, // new
	}
	bands := [][]int64{{1, 2}, {3}, {4, 5}, {6}}
	if got, want := nearcopy.Keys(docs, bands, ids, hashes), []int64{4, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("Keys = %v, want %v: only new documents' bands", got, want)
	}
	empty, _, err := nearcopy.Known(&pairs{})
	if err != nil || empty == nil {
		t.Errorf("Known of no rows = %v, %v; want an empty map the caller can fill", empty, err)
	}
}
