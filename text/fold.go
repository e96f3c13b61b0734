package text

import (
	"unicode"
	"unicode/utf8"
)

// foldGroups lists, for each plain letter, the accented Latin letters that
// fold to it. A hand table is used instead of Unicode decomposition because
// it is faster and also covers letters that do not decompose (ł, đ, ø, ı).
var foldGroups = map[string]string{
	"a":  "ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǺǻȀȁȂȃȦȧẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặ",
	"b":  "ƀɓḂḃ",
	"c":  "ÇçĆćĈĉĊċČčƈ",
	"d":  "ÐðĎďĐđɖɗḌḍ",
	"e":  "ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩẸẹẺẻẼẽẾếỀềỂểỄễỆệƏəɘ",
	"g":  "ĜĝĞğĠġĢģǦǧǴǵ",
	"h":  "ĤĥĦħḤḥ",
	"i":  "ÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐȈȉȊȋỈỉỊị",
	"j":  "Ĵĵǰ",
	"k":  "ĶķĸǨǩ",
	"l":  "ĹĺĻļĽľĿŀŁł",
	"n":  "ÑñŃńŅņŇňŉŊŋǸǹ",
	"o":  "ÒÓÔÕÖØòóôõöøŌōŎŏŐőƠơǑǒǪǫǾǿȌȍȎȏȪȫȬȭȮȯȰȱỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ",
	"r":  "ŔŕŖŗŘřȐȑȒȓ",
	"s":  "ŚśŜŝŞşŠšȘșṢṣſ",
	"t":  "ŢţŤťŦŧȚțṬṭ",
	"u":  "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗỤụỦủỨứỪừỬửỮữỰự",
	"w":  "ŴŵẀẁẂẃẄẅ",
	"y":  "ÝýÿŶŷŸȲȳỲỳỴỵỶỷỸỹ",
	"z":  "ŹźŻżŽžƵƶẒẓ",
	"ss": "ßẞ",
	"ae": "Ææ",
	"oe": "Œœ",
	"th": "Þþ",
	"ij": "Ĳĳ",
	// Apostrophes and word-internal hyphens that look alike are matched as
	// the ASCII ones, so NATO’s and NATO's fold the same.
	"'": "’‘ʼ′",
	"-": "‐‑",
}

// foldLo covers runes below 0x250 (Latin-1 and Latin Extended-A/B);
// foldHi the Latin Extended Additional block and general punctuation.
var (
	foldLo [0x250]string
	foldHi = map[rune]string{}
)

func init() {
	for plain, letters := range foldGroups {
		for _, r := range letters {
			if r < rune(len(foldLo)) {
				foldLo[r] = plain
			} else {
				foldHi[r] = plain
			}
		}
	}
}

// Fold lower-cases s and removes diacritics, for matching: Priština ->
// pristina, Zveçan -> zvecan, ß -> ss, NATO’s -> nato's. Plain ASCII takes a
// fast path, and s itself is returned when it is already folded.
func Fold(s string) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			break
		}
	}
	if i == len(s) {
		return s
	}
	buf := make([]byte, 0, len(s)+4)
	buf = append(buf, s[:i]...)
	return string(appendFold(buf, s[i:]))
}

// appendFold appends the folded form of s to dst.
func appendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		dst = appendFoldRune(dst, r)
	}
	return dst
}

// appendFoldRune appends the folded form of one non-ASCII rune.
func appendFoldRune(dst []byte, r rune) []byte {
	if r < rune(len(foldLo)) {
		if f := foldLo[r]; f != "" {
			return append(dst, f...)
		}
	} else if f, ok := foldHi[r]; ok {
		return append(dst, f...)
	}
	if unicode.Is(unicode.Mn, r) {
		// A combining accent of decomposed input (e + U+0301) is dropped.
		return dst
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}
