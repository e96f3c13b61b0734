package judge

// Cues are document-level hints: how much of the story is about games,
// markets or products. A story with many such words uses the verbs of
// conflict and cooperation in other senses ("beat", "attack", "deal").
type Cues struct {
	Words, Sport, Market, Product int
}

// Cue word lists, written for Faultline: the commonest words of sports,
// finance and consumer-technology reporting that rarely mean anything
// political.
var cueWords = func() map[string]uint8 {
	m := make(map[string]uint8)
	add := func(kind uint8, ws string) {
		w := ""
		for i := 0; i <= len(ws); i++ {
			if i == len(ws) || ws[i] == ' ' {
				if w != "" {
					m[w] = kind
				}
				w = ""
				continue
			}
			w += string(ws[i])
		}
	}
	add(cueSport, "match matches game games season coach striker goal goals scored score league cup "+
		"championship tournament team teams player players football soccer baseball basketball hockey tennis "+
		"golf cricket rugby olympic olympics medal inning innings quarterback touchdown pitcher homer nba nfl "+
		"mlb nhl fifa uefa wimbledon semifinal semifinals final finals playoff playoffs victory defeat "+
		"win wins won beat beats seed seeded title champion champions racing race lap stadium fans")
	add(cueMarket, "shares share stock stocks market markets investors investor profit profits earnings "+
		"revenue revenues quarter quarterly dividend nasdaq dow index indexes bond bonds yield yields treasury "+
		"prices price percent analysts analyst sales traders trading oil crude barrel futures currency dollar euro "+
		"yen economy economic inflation rate rates fed merger acquisition takeover bid ipo company companies firm "+
		"corp inc ltd billion million")
	add(cueProduct, "software computer computers internet online web website users microsoft google apple "+
		"ibm intel windows linux phone phones mobile wireless broadband chip chips device devices digital "+
		"browser search email virus spam download music film movie album game console gaming tv")
	return m
}()

const (
	cueSport uint8 = iota + 1
	cueMarket
	cueProduct
)

// ReadCues counts the words of text and the cue words among them. It reads
// ASCII letters only, lower-cased in a small buffer, so it costs one map
// look-up a word and no allocation.
func ReadCues(text string) Cues {
	var c Cues
	var buf [16]byte
	n := 0
	long := false
	flush := func() {
		if n > 0 && !long {
			c.Words++
			switch cueWords[string(buf[:n])] {
			case cueSport:
				c.Sport++
			case cueMarket:
				c.Market++
			case cueProduct:
				c.Product++
			}
		} else if long {
			c.Words++
		}
		n = 0
		long = false
	}
	for i := 0; i < len(text); i++ {
		b := text[i]
		switch {
		case b >= 'a' && b <= 'z':
		case b >= 'A' && b <= 'Z':
			b += 'a' - 'A'
		default:
			if b == '\'' && n > 0 {
				continue
			}
			flush()
			continue
		}
		if n == len(buf) {
			long = true
			continue
		}
		buf[n] = b
		n++
	}
	flush()
	return c
}

// level buckets a share of the words: none, a little, some, much.
func level(k, words int) string {
	if k == 0 || words == 0 {
		return "0"
	}
	r := float64(k) / float64(words)
	switch {
	case r < 0.02:
		return "1"
	case r < 0.05:
		return "2"
	case r < 0.10:
		return "3"
	}
	return "4"
}

func (c Cues) features(dst []uint32, root string) []uint32 {
	s, m, p := level(c.Sport, c.Words), level(c.Market, c.Words), level(c.Product, c.Words)
	dst = append(dst, start("ds").add(s).bucket(), start("dm").add(m).bucket(), start("dp").add(p).bucket())
	dst = append(dst, start("dsr").add(s).sep().add(root).bucket(), start("dmr").add(m).sep().add(root).bucket())
	return dst
}
