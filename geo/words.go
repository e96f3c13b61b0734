package geo

// Word lists for Find. They hold folded keys (lower case, no diacritics).

// setOf builds a set from a space-separated list.
func setOf(list string) map[string]bool {
	m := map[string]bool{}
	w := ""
	for i := 0; i <= len(list); i++ {
		if i == len(list) || list[i] == ' ' || list[i] == '\n' || list[i] == '\t' {
			if w != "" {
				m[w] = true
			}
			w = ""
			continue
		}
		w += string(list[i])
	}
	return m
}

// stopWords are common English words (and words that open a sentence or
// stand capitalised in headlines) that are also the names of some village
// in cities500. A single-word mention of one is never taken as a place,
// unless it names a country or a named region.
var stopWords = setOf(`
a about above after again against ago ahead all also am an and any are as at away back
be because been before being below between both but by can come could day days did do does
done down during each early end even ever every few first for four from further get give
given go going good great had has have having he her here him his home how however i if in
into is it its just last late later least less like long made make many march may me might
more most much must my near never new news next no nor not now of off on once one only or
other our out over own part past people per place put said same say says second see seen
she should since so some still such take than that the their them then there these they
this those three through time to today told too two under until up upon us very was way we
week well were what when where which while who whom why will with within without would year
years yes yet you your
january february april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
president minister police army force forces government state states official officials
general secretary spokesman spokeswoman spokesperson leader leaders prime foreign defence
defense interior security council party union national federal central local public
court justice judge law rights human media press agency office chief head deputy member
members group groups military troops soldiers people man men woman women children family
north south east west northern southern eastern western
mayor governor king queen prince princess pope sheikh saint st mount lake river port bay
hope unity liberty independence victory freedom peace progress union concord harmony
reading split nice mobile bath marks wells eye hell bar eagle
goes sale lens orange mark deal nato kfor eulex opec isis poll fleet wall jupiter mars venus
says asked added noted called urged warned accused denied claimed reported
attack attacks strike strikes clash clashes protest protests war conflict crisis
alliance border borders city town village capital region province district area
world international american european africa asia europe
post times herald tribune guardian globe star sun mirror independent
`)

// titles are words that stand before a person's name: the capitalised
// word after one is a name, not a place (President Biden, Mr Paris).
var titles = setOf(`
president presidents mr mrs ms miss dr prof sir dame lord lady minister premier general gen
secretary chancellor king queen prince princess sheikh pope bishop archbishop father rev
senator sen rep representative governor mayor commander colonel col lt lieutenant
major maj captain capt sgt sergeant admiral adm ambassador envoy judge justice chairman
chairwoman spokesman spokeswoman spokesperson leader premier emir sultan ayatollah imam
coach player striker defender goalkeeper actor actress singer journalist reporter
`)

// strongCues are words after which a capitalised word is most likely a
// place: "in Zvecan", "near Pristina".
var strongCues = setOf(`in near outside around inside within nearby`)

// weakCues often stand before places but as often before people and
// organisations ("a letter to Bush", "a report from Reuters").
var weakCues = setOf(`at from to into of through across toward towards between beyond along
off via`)

// directions may stand between a cue and a place: "in northern Kosovo".
var directions = setOf(`
north south east west northern southern eastern western central northeast northwest
southeast southwest northeastern northwestern southeastern southwestern
north-east north-west south-east south-west north-eastern north-western south-eastern
south-western upper lower greater
`)

// regionSuffix are words after a name that make it a first-level region:
// "Helmand province", "Donetsk region".
var regionSuffix = setOf(`province provinces region governorate district oblast state county
prefecture canton`)

// adminWords name the units of field reports below a region, written
// before the parenthesis that names what holds them: "Mangina locality
// (Beni, Nord-Kivu)".
var adminWords = setOf(`locality territory commune sector chiefdom groupement department subdistrict
tehsil township ward neighbourhood neighborhood settlement hamlet`)

// nameNouns after a place name make it part of the name of a treaty, a
// club or a process, not a place: "Kyoto Protocol", "Paris Club".
var nameNouns = setOf(`protocol protocols club accord accords agreement agreements convention
conventions declaration treaty process principles statute consensus format charter memorandum
initiative group`)

// officeNouns before "of" make the name after it a portfolio, not a
// place: "Ministry of Commerce", "Department of Justice".
var officeNouns = setOf(`ministry minister ministers department secretary secretaries bureau
office chamber commissioner commission`)

// notPlaces are names of places that news mostly uses for something else:
// "the White House" is no translation of Casablanca.
var notPlaces = map[string]bool{
	"white house": true, "wall street": true, "capitol hill": true, "downing street": true,
	"red cross": true, "red crescent": true, "main street": true, "high street": true,
}

// speechVerbs after a name make it a speaker: "Martin said". A capital
// speaking for its government (Belgrade said) is kept.
var speechVerbs = setOf(`said says told added insisted argued stated wrote tweeted`)

// placeSuffix are words after a name that confirm a place without making
// it a region: "Zvecan municipality", "Mitrovica city".
var placeSuffix = setOf(`city town village municipality area border crossing valley
airport base camp outskirts suburb suburbs neighbourhood neighborhood`)
