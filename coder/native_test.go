package coder

import (
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
)

// defaultCoder builds a coder from the project's own dictionaries, in
// Faultline's own coding.
func defaultCoder(t testing.TB) *Coder {
	t.Helper()
	set, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNative(t *testing.T) {
	c := defaultCoder(t)
	tests := []struct{ name, text, want string }{
		{"two verbs in one clause", "Russia will send troops to Syria, where five soldiers were wounded in clashes with rebels.",
			"RUS/SYR/074; ---REB/---MIL/145"},
		{"agentless passive", "Twelve protesters were arrested.", "/---OPP/173"},
		{"no actor at all", "Dozens were arrested on Monday.", "//173"},
		{"violence needs an actor", "Three people were killed on Monday.", "/---CVL/180"},
		{"nominal of", "Belgium condemned the arrest of the French ambassador.", "BEL/FRAGOV/111"},
		{"between both ways", "Clashes broke out between Armenia and Azerbaijan.", "ARM/AZE/190; AZE/ARM/190"},
		{"statement fallback", "Peruvian officials said on Monday that the talks would go on.", "PERGOV//010"},
		{"statement of another speaker", "Chile urged Peru to release the prisoners, officials said.", "CHL/PER/0253; ---GOV//010"},
		{"no statement beside a verbal act", "Chile said it urged Peru to release the prisoners.", "CHL/PER/0253"},
		{"disaster quiet", "An earthquake killed forty people in Nepal.", ""},
		{"accident explosion", "Four workers were hurt when a boiler exploded at a factory.", ""},
		{"bomb explosion", "A bomb exploded near a police station in Kabul.", "/AFGGOVCOP/183"},
		{"cooperation needs a partner", "Norway supported the initiative.", ""},
		{"lone agent from the story", "Serb demonstrators gathered. Police dispersed the demonstrators.", "---COP/SRBOPP/175"},
		{"lower case", "police arrested six men in delhi.", "---COP/INDCVL/173"},
		{"sport: a score", "Hewitt beat the French teenager 6-3, 7-6 on Tuesday.", ""},
		{"sport: violence with police stays", "Fans clashed with police after the tournament final in Madrid.", "/---COP/145"},
		{"market: takeover battle", "Japanese banks attacked the takeover bid as shares fell.", ""},
		{"computing: virus attack", "Hackers attacked Israeli computers with a new worm.", ""},
		{"dateline is no actor", "MOSCOW (Reuters) - Police arrested six protesters.", "---COP/---OPP/173"},
		{"lower-case dateline", "ahmedabad: police arrested six men.", "---COP/---CVL/173"},
		{"fired coach is no event", "The club fired its coach on Monday.", ""},
		{"police fired in the air", "Police fired in the air to disperse the mob.", "---COP/---CVL/175"},
		{"named past event is a noun", "Rioters were angry after the Godhra train massacre.", ""},
		{"adjective alone is no actor", "Local elections in April were boycotted by most Serb voters.", "SRBCVL//143"},
		{"light verb gives the source", "Militants carried out a suicide attack on the police station.", "---INS/---COP/1831"},
		{"object guard: abstract object", "The government is fighting crime in Lagos.", ""},
		{"object guard: threat to fight an abstract thing", "The government vowed to fight crime in Lagos.", ""},
		{"object guard: prices", "European airlines are battling oil prices.", ""},
		{"object guard: a bill", "Senators killed the bill on Tuesday.", ""},
		{"object guard: golf score", "Woods shot a 67 in the second round.", ""},
		{"object guard: actor object stays", "Police shot three protesters in Dhaka.", "---COP/BGDGOVOPP/175"},
		{"object guard: place object stays", "Rebels attacked the convoy near Kabul.", "---REB/AFGGOV/190"},
		{"object guard: noun with an abstract object", "Police announced a crackdown on corruption in Lagos.", ""},
		{"object guard: noun with an actor object stays", "Police announced a crackdown on protesters in Lagos.", "/NGAOPP/175"},
		{"gun is a noun", "Police found a gun in the car.", ""},
		{"ban on a product is no sanction", "France banned smoking in bars.", ""},
		{"impose with no one imposed on", "The league imposed new rules on transfers.", ""},
		{"legal fight", "Microsoft lost a legal fight with the European Union.", ""},
		{"labour strike", "Workers ended their wildcat strike in Bochum.", "---LAB//143"},
		{"bombardment campaign from the air", "NATO began a bombardment campaign in Serbia.", "IGOWSTNAT/SRB/195"},
		{"protest against a policy", "Students demonstrated against the tuition rise.", "---EDU//1412"},
		{"compound: test-fired is no firing", "Iran test-fired a missile on Wednesday.", ""},
		{"compound: test-fired with a noun of weapons after", "North Korea test-fired missiles at the sea on Wednesday.", ""},
		{"compound: cease-fire is no fire, the agreement codes", "The rebels agreed a cease-fire with the army.", "---REB/---MIL/019"},
		{"compound: actor-backed stays", "Syrian rebels attacked Turkey-backed militias on Monday.", "SYRREB/TUR/190"},
		{"compound: prefix keeps the verb", "Police re-arrested six protesters on Monday.", "---COP/---OPP/173"},
		{"embedded act: suspected of", "Police arrested four Serbs suspected of attacking the peacekeepers.", "---COP/SRB/173; SRB/IGO/190"},
		{"embedded act: accused of, no accuser", "Police detained a man accused of killing two soldiers.", "---COP/---CVL/173; ---CVL/---MIL/180"},
		{"embedded act: object of charged with", "Prosecutors charged two officers with beating protesters.", "---JUD/---COP/112; ---COP/---OPP/182"},
		{"embedded act: no one named", "Police hunted those suspected of attacking the peacekeepers.", ""},
		{"embedded act: after a form of be", "Four Serbs were suspected of attacking the peacekeepers.", "SRB/IGO/190"},
		{"place before the subject: where, not who", "In the village of Zubin Potok, police arrested four Serbs.", "---COP/SRB/173"},
		{"place before the subject after in", "In Leposavic, Serb protesters blocked the main road.", "SRBOPP//144"},
		{"place before the subject after near", "Near Kyiv, Russian forces shelled a school.", "RUSMIL/---EDU/194"},
		{"capital acting as a polity stays", "Belgrade accused Pristina of provocation.", "SRBGOV/KSVGOV/112"},
		{"place with no one else named stays the subject", "In Serbia, thousands protested on Monday.", "SRB//141"},
		{"noun of violence: a place after in is no target", "The killings in Gujarat shocked the nation.", ""},
		{"noun of violence in a passive: no target from its place", "Three were hurt in an attack in Zvecan.", ""},
		{"protest in a place is not against it", "Police fired tear gas at Serb protesters who blocked the road in Leposavic.", "---COP/SRBOPP/175; SRBOPP//144"},
		{"protest after near", "Russian forces blocked the road near Kyiv on Monday.", "RUSMIL//144"},
		{"relative clause: its own subject", "Police arrested the Serb protesters who attacked the peacekeepers.", "---COP/SRBOPP/173; SRBOPP/IGO/190"},
		{"urge to take steps to de-escalate", "Blinken urged Israel to take concrete steps to de-escalate.", "USAGOV/ISR/0256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Code(faultline.Document{ID: "d", Text: tt.text, Date: "2024-03-01"})
			if got := brief(res.Events); got != tt.want {
				t.Errorf("Code(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestNativeOffWithOptions(t *testing.T) {
	c := defaultCoder(t)
	if !c.opt.native {
		t.Fatal("the default dictionaries should code in Faultline's conventions")
	}
	if err := c.SetOption("require_dyad=true"); err != nil {
		t.Fatal(err)
	}
	if c.opt.native {
		t.Error("a PETRARCH option should switch Faultline's own coding off")
	}
	if res := c.Code(faultline.Document{ID: "d", Text: "Dozens were arrested on Monday."}); len(res.Events) != 0 {
		t.Errorf("field conventions code an event with no actor: %s", brief(res.Events))
	}
}
