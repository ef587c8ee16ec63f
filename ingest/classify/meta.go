package classify

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// organisations maps names as written to the short names used as facets.
var organisations = map[string]string{
	"difi": "Difi", "direktoratet for forvaltning og ikt": "Difi",
	"digdir": "Digdir", "digitaliseringsdirektoratet": "Digdir",
	"ks": "KS", "kommunesektorens organisasjon": "KS",
	"skate": "Skate",
	"kdd":   "KDD", "kommunal- og distriktsdepartementet": "KDD",
	"kmd": "KMD", "kommunal- og moderniseringsdepartementet": "KMD",
	"nsm": "NSM", "nasjonal sikkerhetsmyndighet": "NSM",
	"dfø": "DFØ", "direktoratet for forvaltning og økonomistyring": "DFØ",
	"nav": "NAV", "unit": "Unit", "hk-dir": "HK-dir",
}

const orgName = `(Difi|Digdir|KS|Skate|KDD|KMD|NSM|DFØ|NAV|Unit|HK-dir|Digitaliseringsdirektoratet|Direktoratet for forvaltning og (?:IKT|ikt|økonomistyring)|Nasjonal sikkerhetsmyndighet|Kommunesektorens organisasjon|\p{Lu}[\p{L}]*(?:- og \p{L}+)?departementet)`

// The organisation patterns are only tried on short windows around a
// literal anchor ("utarbeidet av", "ansvarlig"): run over whole documents
// their alternations would dominate the cost of ingest.
var (
	// "Saksframlegget er utarbeidet av Difi", "Rapporten er skrevet av NSM"
	authoredAnchors = []string{"utarbeidet av ", "skrevet av ", "utgitt av ", "publisert av "}
	authoredRe      = regexp.MustCompile(`^(?:utarbeidet|skrevet|utgitt|publisert) av\s+` + orgName + `\b`)
	// "Digdir og KS er ansvarlig for …", "… er Digdir og KS ansvarlig for …"
	responsibleRe = regexp.MustCompile(`(?:\b(?:er|var)\s+)?` + orgName + `(?:\s+og\s+` + orgName + `)?\s+(?:(?:er|har vært|var)\s+)?ansvarlig$`)
	// "Utgiver: NSM", "Utgitt av: Difi"
	publisherRe = regexp.MustCompile(`(?im)^\s*(?:utgiver|utgitt av|ansvarlig utgiver)\s*:\s*` + orgName + `\b`)
)

// organisation: who wrote or published the document, when the text or the
// file's metadata says so. Mere mentions do not count.
func (c *context) organisation() (string, string) {
	if m := c.authored(); m != nil {
		return shortOrg(m[1]), "text: " + m[0]
	}
	if strings.Contains(c.text, "tgi") {
		if m := publisherRe.FindStringSubmatch(c.text); m != nil {
			return shortOrg(m[1]), "text: " + strings.TrimSpace(m[0])
		}
	}
	if m := c.responsible(); m != nil {
		org := shortOrg(m[1])
		if m[2] != "" {
			org += "/" + shortOrg(m[2])
		}
		return org, "text: " + m[0]
	}
	if org, src := c.colophon(); org != "" {
		return org, src
	}
	if v := c.ex.Meta["organisation"]; v != "" {
		return shortOrg(v), c.metaSource("organisation")
	}
	for _, key := range []string{"author", "creator", "publisher"} {
		if v := c.ex.Meta[key]; v != "" {
			if s, ok := organisations[strings.ToLower(strings.TrimSpace(v))]; ok {
				return s, c.metaSource(key)
			}
		}
	}
	return "", ""
}

// authored finds the first "utarbeidet av ORG" (or skrevet, utgitt, publisert).
func (c *context) authored() []string {
	var best []string
	bestAt := len(c.text)
	for _, a := range authoredAnchors {
		for from := 0; from < bestAt; {
			i := strings.Index(c.text[from:bestAt], a)
			if i < 0 {
				break
			}
			at := from + i
			if m := authoredRe.FindStringSubmatch(c.text[at:min(len(c.text), at+len(a)+120)]); m != nil {
				best, bestAt = m, at
				break
			}
			from = at + len(a)
		}
	}
	return best
}

// responsible finds the first "ORG (og ORG) er ansvarlig" in the text.
func (c *context) responsible() []string {
	const anchor = "ansvarlig"
	for from := 0; ; {
		i := strings.Index(c.text[from:], anchor)
		if i < 0 {
			return nil
		}
		end := from + i + len(anchor)
		if m := responsibleRe.FindStringSubmatch(c.text[max(0, end-200):end]); m != nil {
			return m
		}
		from = end
	}
}

// domains of known organisations, as printed in a colophon.
var domains = map[string]string{
	"nsm.stat.no": "NSM", "nsm.no": "NSM", "difi.no": "Difi", "digdir.no": "Digdir",
	"ks.no": "KS", "dfo.no": "DFØ",
}

var contactRe = regexp.MustCompile(`(?i)\b(?:post@|postmottak@|www\.)((?:[a-z0-9-]+\.)+no)\b`)

// colophon: a publisher's contact line ("post@nsm.stat.no www.nsm.stat.no")
// in the last section, where reports print who issued them.
func (c *context) colophon() (string, string) {
	if len(c.doc.Sections) == 0 {
		return "", ""
	}
	last := c.doc.Sections[len(c.doc.Sections)-1].Text
	if len(last) > 4096 {
		last = last[len(last)-4096:]
	}
	for _, m := range contactRe.FindAllStringSubmatch(last, -1) {
		if org, ok := domains[strings.ToLower(m[1])]; ok {
			return org, "text: " + m[0] + " (colophon)"
		}
	}
	return "", ""
}

// shortOrg maps a known organisation to its short name and keeps others
// (departments) as written.
func shortOrg(name string) string {
	name = strings.TrimSpace(name)
	if s, ok := organisations[strings.ToLower(name)]; ok {
		return s
	}
	return name
}

// Marker words of each written standard; forms shared by both are left out.
var (
	nynorsk = map[string]bool{
		"ikkje": true, "eg": true, "frå": true, "korleis": true, "kva": true, "kvifor": true,
		"høyring": true, "høyringa": true, "regjeringa": true, "eit": true, "berre": true,
		"mykje": true, "noko": true, "vere": true, "difor": true, "dei": true, "sjølv": true,
		"òg": true, "ein": true, "kven": true, "desse": true, "fleire": true,
	}
	bokmal = map[string]bool{
		"ikke": true, "jeg": true, "fra": true, "hvordan": true, "hva": true, "hvorfor": true,
		"høring": true, "høringen": true, "regjeringen": true, "et": true, "bare": true,
		"mye": true, "noe": true, "være": true, "derfor": true, "de": true, "selv": true,
		"hvem": true, "disse": true, "flere": true,
	}
)

// countMarkers counts the nynorsk and bokmål marker words among the runs
// of letters in text, lower-cased. Lower-casing keeps letters letters
// (TestLowerKeepsLetters), so splitting before lower-casing finds the same
// words as splitting after it; only words short enough to be a marker are
// lower-cased.
func countMarkers(text string) (nn, nb int) {
	var buf [3 * maxMarkerLen]byte
	count := func(word string) {
		if len(word) > 3*maxMarkerLen {
			return // lower-casing shrinks a string to no less than a third
		}
		if c := word[0] | 0x20; c < utf8.RuneSelf && len(word) < 16 && asciiMarkerLens[c]&(1<<len(word)) == 0 &&
			isASCII(word) {
			return // no ASCII marker word of this length starts with this letter
		}
		low := buf[:0]
		for i := 0; i < len(word); i++ {
			b := word[i]
			if b >= utf8.RuneSelf {
				low = append(buf[:0], strings.ToLower(word)...)
				break
			}
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			low = append(low, b)
		}
		switch markers[string(low)] {
		case markNynorsk:
			nn++
		case markBokmal:
			nb++
		}
	}
	start := -1
	for i := 0; i < len(text); {
		r, w := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			count(text[start:i])
			start = -1
		}
		i += w
	}
	if start >= 0 {
		count(text[start:])
	}
	return nn, nb
}

// markers holds both sets of marker words, so that a word is looked up once;
// a word in both counts as nynorsk.
var markers = func() map[string]byte {
	m := make(map[string]byte, len(nynorsk)+len(bokmal))
	for w := range bokmal {
		m[w] = markBokmal
	}
	for w := range nynorsk {
		m[w] = markNynorsk
	}
	return m
}()

// asciiMarkerLens has bit n set at a lower-case first letter when an ASCII
// marker word of n bytes starts with it, so that most words need no lookup.
var asciiMarkerLens = func() (lens [utf8.RuneSelf]uint16) {
	for w := range markers {
		if isASCII(w) {
			lens[w[0]] |= 1 << len(w)
		}
	}
	return lens
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

const (
	markNynorsk = 1 + iota
	markBokmal
)

// maxMarkerLen is the length in bytes of the longest marker word.
const maxMarkerLen = len("regjeringen")

// minLangMarkers is how many marker words a text needs before its language is guessed.
const minLangMarkers = 5

// language: the HTML lang attribute or other metadata when present, else
// whichever of nynorsk and bokmål has more marker words.
func (c *context) language() (string, string) {
	if v := strings.ToLower(c.ex.Meta["language"]); v == "nb" || v == "nn" {
		return v, c.metaSource("language")
	} else if v == "no" || v == "nob" {
		return "nb", c.metaSource("language")
	} else if v == "nno" {
		return "nn", c.metaSource("language")
	}
	nn, nb := countMarkers(c.text)
	switch {
	case nn+nb < minLangMarkers:
		return "", ""
	case nn > nb:
		return "nn", "text: " + plural(nn, "nynorsk marker word", "nynorsk marker words") + " against " + plural(nb, "bokmål", "bokmål")
	default:
		return "nb", "text: " + plural(nb, "bokmål marker word", "bokmål marker words") + " against " + plural(nn, "nynorsk", "nynorsk")
	}
}
