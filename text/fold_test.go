package text

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"nato", "nato"},
		{"NATO", "nato"},
		{"Priština", "pristina"},
		{"Zvečan", "zvecan"},
		{"Zveçan", "zvecan"},
		{"Kosovë", "kosove"},
		{"São Paulo", "sao paulo"},
		{"Straße", "strasse"},
		{"Æther", "aether"},
		{"Ørsted", "orsted"},
		{"Łódź", "lodz"},
		{"Đakovica", "dakovica"},
		{"Diyarbakır", "diyarbakir"},
		{"İstanbul", "istanbul"},
		{"Đà Nẵng", "da nang"},
		{"Œuvre", "oeuvre"},
		{"NATO’s", "nato's"},
		{"Serb‐majority", "serb-majority"},
		{"Zvec\u030Can", "zvecan"}, // decomposed: c + combining caron
		{"МОСКВА", "москва"},
		{"Ελλάδα", "ελλάδα"},
		{"50,000", "50,000"},
	}
	for _, tc := range tests {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFoldASCIINoAlloc(t *testing.T) {
	s := "already folded words"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of folded ASCII allocates %v times", n)
	}
}

func TestFoldIdempotent(t *testing.T) {
	for _, s := range []string{"Priština", "STRASSE", "Łódź", "NATO’s", "Ελλάδα"} {
		f := Fold(s)
		if Fold(f) != f {
			t.Errorf("Fold(Fold(%q)) = %q, want %q", s, Fold(f), f)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	words := []string{"peacekeepers", "NATO", "Priština", "Kosovo", "the", "Zvečan"}
	for b.Loop() {
		for _, w := range words {
			_ = Fold(w)
		}
	}
}
