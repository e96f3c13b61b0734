package enrich

import (
	"testing"

	faultline "github.com/faultline/faultline"
)

func TestModality(t *testing.T) {
	const (
		A = faultline.Asserted
		N = faultline.Negated
		F = faultline.Future
		H = faultline.Hypothetical
		P = faultline.Historical
	)
	for _, c := range []struct {
		s, cameo string
		want     faultline.Modality
	}{
		{"NATO [sent] 700 peacekeepers to Kosovo.", "074", A},
		{"NATO will [send] 700 peacekeepers to Kosovo.", "074", F},
		{"NATO plans to [send] more troops.", "074", F},
		{"NATO plans to [send] more troops.", "0312", A}, // the plan is the 03 event
		{"The alliance is to [deploy] a battalion.", "074", F},
		{"The alliance is expected to [deploy] a battalion.", "074", F},
		{"Serbia intends to [recall] its ambassador.", "1246", F},
		{"He said Serbia would [recall] its ambassador.", "1246", F},
		{"Ministers will [meet] next week.", "036", F},
		{"Ministers [meet] next week.", "036", F},
		{"Ministers [met] last week.", "036", A},
		{"If the dispute worsens again, a reserve brigade will be [put] on standby.", "154", H},
		{"A reserve brigade will be [put] on standby if the dispute worsens.", "154", H},
		{"If the dispute [worsens] again, a brigade will be put on standby.", "190", H},
		{"Unless talks resume, Serbia will [recall] its ambassador.", "1246", H},
		{"When the police arrived, protesters [threw] stones.", "145", A},
		{"The rebels could [attack] the town.", "190", H},
		{"The rebels may [attack] the town.", "190", H},
		{"On May 26 the rebels [attacked] the town.", "190", A},
		{"The rebels might have [attacked] the town.", "190", H},
		{"The two parties should [participate] in a dialogue.", "036", H},
		{"Russia [threatened] to impose sanctions.", "130", A},
		{"Russia threatened to [impose] sanctions.", "163", H},
		{"Russia threatened to [impose] sanctions.", "1312", A},
		{"The minister refused to [meet] the envoy.", "036", N},
		{"The minister [refused] to meet the envoy.", "125", A},
		{"The minister refused to [meet] the envoy.", "1246", A}, // a refusal coded as such
		{"Moscow denied [sending] troops.", "074", N},
		{"Police failed to [disperse] the crowd.", "175", N},
		{"Police attempted to [disperse] the crowd.", "175", A},
		{"Stoltenberg [urged] officials to take steps.", "025", A},
		{"Stoltenberg urged officials to [take] steps.", "036", H},
		{"NATO will send troops, and police [arrested] 25 protesters.", "173", A},
		{"NATO, which will hold talks on Friday, [sent] troops.", "074", A},
		{"Police [arrested] 25 people who will be charged.", "173", A},
		{"KFOR was [created] in 1999.", "010", P},
		{"In 1999, NATO [bombed] Serbia.", "195", P},
		{"NATO will [send] troops in 1999.", "074", F}, // a tense beats a year
		{"The talks will [resume] in 2030.", "036", F},
		{"Serbia [boycotted] the talks last year.", "140", P},
		{"Serbia [boycotted] the talks two years ago.", "140", P},
		{"Serbia [boycotted] the talks on Tuesday, a year after the war began in 1999.", "140", A},
	} {
		got := enrichOne(t, c.s, "2023-05-30", c.cameo)
		if got.Modality != c.want {
			t.Errorf("%q (%s): modality %s, want %s", c.s, c.cameo, got.Modality, c.want)
		}
	}
}

func TestModalityKeepsCoder(t *testing.T) {
	doc, evs := marked(t, "NATO did not [send] troops in 1999.", "2023-05-30", "074")
	evs[0].Modality = faultline.Negated
	Document(doc, evs)
	if evs[0].Modality != faultline.Negated {
		t.Errorf("coder's negation lost: %s", evs[0].Modality)
	}
	doc, evs = marked(t, "NATO [sent] troops on Monday.", "2023-05-30", "074")
	evs[0].Modality = faultline.Future
	Document(doc, evs)
	if evs[0].Modality != faultline.Future {
		t.Errorf("coder's future lost: %s", evs[0].Modality)
	}
}
