package fold

import "testing"

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Zvečan", "zvecan"},
		{"Zveçan", "zvecan"},
		{"ZVECAN", "zvecan"},
		{"Leposavić", "leposavic"},
		{"Mitrovicë e Veriut", "mitrovice e veriut"},
		{"Guinea-Bissau", "guinea bissau"},
		{"Ma‘arrat an Nu‘man", "maarrat an numan"},
		{"  São  Tomé ", "sao tome"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"Priština", "pristina"},
		{"Київ", "київ"},
		{"", ""},
		{"---", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsLatin(t *testing.T) {
	for in, want := range map[string]bool{"zvecan": true, "sao tome": true, "київ": false, "": false, "a-b": false} {
		if got := IsLatin(in); got != want {
			t.Errorf("IsLatin(%q) = %v, want %v", in, got, want)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Zvečan", "Guinea-Bissau", "ab\xffc", "Ǆ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key not idempotent: %q -> %q -> %q", s, k, Key(k))
		}
		if len(k) > 0 && (k[0] == ' ' || k[len(k)-1] == ' ') {
			t.Errorf("Key(%q) = %q has edge spaces", s, k)
		}
	})
}
