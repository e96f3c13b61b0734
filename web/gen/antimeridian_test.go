package main

import (
	"math"
	"testing"
)

func TestAcrossAntimeridian(t *testing.T) {
	tests := []struct {
		name  string
		ring  [][2]float64
		rings int
		pole  bool
	}{
		{"inland ring untouched", [][2]float64{{10, 10}, {20, 10}, {20, 20}, {10, 10}}, 1, false},
		// An island cut at the meridian: east part at 179, west at -179.
		{"island across the meridian", [][2]float64{{178, -17}, {180, -17}, {-180, -17}, {-179, -16}, {-180, -16}, {180, -16}, {178, -17}}, 2, false},
		// A ring round the south pole, as Antarctica is drawn.
		{"ring round the pole", [][2]float64{{-180, -70}, {-90, -72}, {0, -70}, {90, -68}, {180, -70}, {-180, -70}}, 1, true},
	}
	for _, tt := range tests {
		got := acrossAntimeridian(tt.ring)
		if len(got) != tt.rings {
			t.Errorf("%s: %d rings, want %d", tt.name, len(got), tt.rings)
		}
		for _, r := range got {
			for i := 1; i < len(r); i++ {
				if math.Abs(r[i][0]-r[i-1][0]) > 180 && !(r[i][1] == -90 && r[i-1][1] == -90) {
					t.Errorf("%s: ring still jumps from %v to %v", tt.name, r[i-1], r[i])
				}
			}
			hasPole := false
			for _, p := range r {
				hasPole = hasPole || p[1] == -90
			}
			if hasPole != tt.pole && len(got) == 1 {
				t.Errorf("%s: closed along the pole %v, want %v", tt.name, hasPole, tt.pole)
			}
		}
	}
}
