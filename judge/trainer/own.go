package trainer

import (
	"strconv"

	faultline "github.com/faultline/faultline"
)

// ownNone are sentences written for Faultline (not taken from any
// reference set) that use the words of conflict and cooperation in other
// senses: games, markets, products, weather, metaphors. Each reports no
// political event.
var ownNone = []string{
	"The visiting side crushed the hosts 4-0 to clinch the league title on Saturday.",
	"Hewson beat the defending champion in straight sets to reach the quarter-finals.",
	"The striker attacked the near post and headed home the winner in stoppage time.",
	"The Lions agreed to play an extra match against the provincial side next month.",
	"The coach accused the referee of ignoring a clear foul in the second half.",
	"Rovers signed the midfielder on a three-year deal after a long pursuit.",
	"The pitcher threw seven scoreless innings as the home team won the series.",
	"Fans welcomed the returning captain with a standing ovation.",
	"The champion will defend her title against a young challenger in Paris.",
	"Bond prices rallied as investors sought safety after weak jobs data.",
	"Shares of the chipmaker plunged 12 percent after it cut its revenue forecast.",
	"The retailer agreed to buy its smaller rival for 2 billion dollars in cash.",
	"Oil prices attacked fresh highs before traders took profits late in the day.",
	"The bank raised its forecast for growth and kept its dividend unchanged.",
	"The carmaker will build a new assembly plant that employs 3,000 workers.",
	"Investors punished the airline after it warned of a wider quarterly loss.",
	"The takeover battle for the brewer intensified as a second bidder emerged.",
	"The software maker released a patch to fix a flaw that let attackers steal passwords.",
	"A new virus attacked thousands of home computers over the weekend.",
	"The phone maker unveiled a thinner handset with a larger screen.",
	"The studio said the sequel broke box-office records in its first weekend.",
	"The band announced a world tour and a new album for the spring.",
	"Critics praised the director's latest film at the festival.",
	"The storm battered the coast and cut power to thousands of homes.",
	"Heavy rain flooded roads across the region, forecasters said.",
	"The actor fought back tears as he accepted the award.",
	"The chef declared war on processed food in his new cookbook.",
	"Prices of wheat exploded after a poor harvest in the south.",
	"The index fell sharply as technology stocks came under fire from sellers.",
	"The quarterback threw three touchdown passes to lead the comeback.",
	"The golfer shot a final-round 66 to win by two strokes.",
	"The cyclist attacked on the final climb and held on to win the stage.",
	"The firm said profits rose in the third quarter on strong demand for its chips.",
	"Consumers embraced the new tablet, buying a million in its first week.",
	"The museum will host an exhibition of the painter's early works.",
	"The team's owner threatened to move the franchise to another city.",
	"The club fired its manager after a run of five straight defeats.",
	"The merger will create the country's largest mobile operator.",
	"The novelist said she was inspired by her grandmother's letters.",
	"Markets welcomed the figures, with the main index closing at a record.",
}

// OwnSentences returns the sentences written for Faultline, as documents
// whose events are all None.
func OwnSentences() []Doc {
	out := make([]Doc, len(ownNone))
	for i, s := range ownNone {
		out[i] = Doc{Document: faultline.Document{ID: "own-" + strconv.Itoa(i), Text: s}, Penta: NotPolitical, Set: "own", Of: -1}
	}
	return out
}
