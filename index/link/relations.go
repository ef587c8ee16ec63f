package link

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/internal/corpus"
)

// A follow-up is read from what documents say of each other, not from
// shared vocabulary: a commitment's links may only point into documents
// related to its own.
//
// Two documents are related when one names the other by its title, or
// when both name the same plan. A plan is named by a compound that is a
// name in itself ("digitaliseringsstrategien", "kvalitetsreformen"), or by
// a plan type with what it is for ("handlingsplan for samisk språk",
// "strategien for digital kompetanse"). A plan type alone
// ("handlingsplanen", "stortingsmeldingen", "forskningsprogrammet") names
// nothing: every ministry has one.

// planHeads are the heads of plan names, each with its inflections.
var planHeads = []struct{ base, re string }{
	{"strategi", `strategi(?:en|er|ene|ens)?`},
	{"plan", `plan(?:en|er|ene|ens)?`},
	{"program", `program(?:met|mer|mene|mets)?`},
	{"reform", `reform(?:en|er|ene|ens)?`},
	{"melding", `melding(?:en|er|ene|ens)?`},
	{"veikart", `veikart(?:et|ene|ets)?`},
}

// planWordRe finds words ending in a plan head, with the words after them
// (for a complement: "for samisk språk").
var planWordRe = func() *regexp.Regexp {
	alts := make([]string, len(planHeads))
	for i, h := range planHeads {
		alts[i] = h.re
	}
	return regexp.MustCompile(`(?i)(\p{L}*?)(` + strings.Join(alts, "|") + `)(?:$|[^\p{L}])`)
}()

// minModifier is the shortest modifier of a compound plan word ("tids|plan"
// is too short to be one; "samhandlings|plan" is not).
const minModifier = 5

// typeModifiers make a strategy compound a plan type, not a name.
var typeModifiers = map[string]bool{
	"del": true, "hoved": true, "forretnings": true, "kommunikasjons": true, "virksomhets": true,
	"informasjons": true, "delings": true,
}

// complementRe reads what a plan type is for: "for samisk språk", "om
// digital kompetanse", "mot vold i nære relasjoner".
var complementRe = regexp.MustCompile(`(?i)^\s+(?:for|om|mot)\s+((?:\p{L}[\p{L}-]*\s*){1,4})`)

// functionWords do not make a complement specific.
var functionWords = map[string]bool{
	"den": true, "det": true, "de": true, "en": true, "ei": true, "et": true, "sin": true, "sitt": true,
	"sine": true, "vår": true, "vårt": true, "våre": true, "og": true, "i": true, "på": true,
	"av": true, "til": true, "med": true, "denne": true, "dette": true, "disse": true, "hele": true,
}

// plans adds the plan names a text uses to into, with the first sentence
// that uses each.
func plans(text string, into map[string]string) {
	planMentions(text, func(name, sentence string) {
		if _, ok := into[name]; !ok {
			into[name] = sentence
		}
	})
}

// planMentions calls fn for every plan name text uses, with its sentence.
func planMentions(text string, fn func(name, sentence string)) {
	for _, m := range planWordRe.FindAllStringSubmatchIndex(text, -1) {
		start := m[2]
		if start > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:start])
			if unicode.IsLetter(r) {
				continue // the match began inside a longer word
			}
		}
		mod := strings.ToLower(text[m[2]:m[3]])
		head := baseHead(strings.ToLower(text[m[4]:m[5]]))
		n := len([]rune(mod))
		if n > 0 && n < minModifier {
			continue // "tidsplan", "forplante" read as for|plan
		}
		// "melding" ends many words that are not white papers
		// ("tilbakemelding", "feilmelding"); only "stortingsmelding" is one.
		if head == "melding" && mod != "stortings" {
			continue
		}
		name := mod + head
		if n == 0 || head != "strategi" && head != "reform" || typeModifiers[mod] {
			// A plan type: named only by what it is for.
			c := complement(text[m[5]:])
			if c == "" {
				continue
			}
			name += " for " + c
		}
		fn(name, sentenceAt(text, m[2]))
	}
}

// complement returns the first two content words of what a plan type is
// for, lightly normalised ("samiske språk" and "samisk språk" meet), or ""
// when the text after the plan word does not say (an infinitive: "en
// handlingsplan for å følge opp" names nothing).
func complement(after string) string {
	m := complementRe.FindStringSubmatch(after)
	if m == nil {
		return ""
	}
	var words []string
	for _, w := range strings.Fields(strings.ToLower(m[1])) {
		if w == "å" {
			return ""
		}
		if functionWords[w] {
			if len(words) == 0 {
				continue
			}
			break
		}
		words = append(words, normWord(w))
		if len(words) == 2 {
			break
		}
	}
	if len(words) < 2 {
		return ""
	}
	return strings.Join(words, " ")
}

// normWord strips the common inflectional endings so that "samiske" meets
// "samisk" and "tjenestene" meets "tjeneste".
func normWord(w string) string {
	for _, suf := range []string{"ene", "ane", "er", "en", "et", "e", "a"} {
		if strings.HasSuffix(w, suf) && len([]rune(w))-len([]rune(suf)) >= 4 {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

func baseHead(h string) string {
	for _, p := range planHeads {
		if strings.HasPrefix(h, p.base) {
			return p.base
		}
	}
	return h
}

// sentenceAt returns the sentence of text around byte offset i, trimmed to
// a readable length, as evidence.
func sentenceAt(text string, i int) string {
	start := 0
	for j := i - 1; j >= 0; j-- {
		if endsSentence(text, j) {
			start = j + 1
			break
		}
	}
	end := len(text)
	for j := i; j < len(text); j++ {
		if endsSentence(text, j) {
			end = j + 1
			break
		}
	}
	s := strings.Join(strings.Fields(text[start:end]), " ")
	if r := []rune(s); len(r) > 240 {
		s = string(r[:240]) + " …"
	}
	return s
}

// endsSentence reports whether the byte at j ends a sentence: a line
// break, "!" or "?", or a full stop that is not an abbreviation's ("St.
// meld. nr. 28", "jf. kap. 4"): one followed by a lower-case letter or a
// digit, or by a word of the text that continues the sentence.
func endsSentence(text string, j int) bool {
	switch text[j] {
	case '\n', '!', '?':
		return true
	case '.':
	default:
		return false
	}
	rest := strings.TrimLeft(text[j+1:], " \t")
	if rest == "" || len(rest) == len(text[j+1:]) && rest[0] != '\n' {
		// the end of the text, or "St.meld" with no space after the stop
		return rest == ""
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return !unicode.IsLower(r) && !unicode.IsDigit(r) && r != '('
}

// docRelations is what one document says that can relate it to others:
// the plans it names, and the sentences where it may name another
// document by title (sentences with a plan word or a quotation, and notes).
type docRelations struct {
	plans    map[string]string // plan name → evidence sentence
	title    []string          // title words, nil when too short to name anything
	mentions []string          // candidate sentences, as written
	// whole lists the plans the document as a whole belongs to: named in
	// its title or more than once. A plan named once, in passing, is what
	// that passage is about, not the document ("… og kompetansereformen
	// Lære hele livet, har digitale ferdigheter som viktige elementer").
	whole    map[string]bool
	own      designation       // its own number and session, if it has one
	names    map[string]string // designations it names → the sentence
	when     span              // when it was written, to the year
	whenFrom string            // what that was read from
}

// quoteRe finds quotations and names set apart: «…», "…", “…”.
var quoteRe = regexp.MustCompile(`[«"“]`)

func readRelations(doc corpus.Document) docRelations {
	r := docRelations{plans: map[string]string{}, title: titleWords(doc.Title), whole: map[string]bool{}, names: map[string]string{}}
	r.own, r.when, r.whenFrom = dating(doc)
	count := map[string]int{}
	named := func(t string) {
		for _, m := range designationRe.FindAllStringSubmatchIndex(t, -1) {
			sub := make([]string, 7)
			for i := range sub {
				if m[2*i] >= 0 {
					sub[i] = t[m[2*i]:m[2*i+1]]
				}
			}
			if k := readDesignation(sub).key; k != r.own.key {
				if _, ok := r.names[k]; !ok {
					r.names[k] = sentenceAt(t, m[0])
				}
			}
		}
		planMentions(t, func(p, ev string) {
			count[p]++
			if _, ok := r.plans[p]; !ok {
				r.plans[p] = ev
			}
		})
	}
	title := map[string]string{}
	plans(doc.Title, title)
	for p, ev := range title {
		r.plans[p] = ev
		r.whole[p] = true
	}
	for _, sec := range doc.Sections {
		for _, t := range []string{sec.Heading, sec.Text} {
			n := len(r.plans)
			named(t)
			if len(r.plans) == n && !quoteRe.MatchString(t) {
				continue
			}
			for _, s := range splitSentences(t) {
				if planWordRe.MatchString(s) || quoteRe.MatchString(s) {
					r.mentions = append(r.mentions, s)
				}
			}
		}
		for _, ref := range sec.References {
			named(ref)
			r.mentions = append(r.mentions, ref)
		}
	}
	for p, n := range count {
		if n > 1 {
			r.whole[p] = true
		}
	}
	return r
}

func splitSentences(t string) []string {
	var out []string
	for len(t) > 0 {
		i := strings.IndexAny(t, ".!?\n")
		if i < 0 {
			out = append(out, t)
			break
		}
		out = append(out, t[:i+1])
		t = t[i+1:]
	}
	return out
}

// titleWords is a title as lower-case words, nil when it has fewer than
// minTitleWords: a short title ("Innledning") names nothing.
func titleWords(t string) []string {
	w := lowerWords(t)
	if len(w) < minTitleWords {
		return nil
	}
	return w
}

const minTitleWords = 4

func lowerWords(t string) []string {
	return strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// Relation kinds between two documents.
const (
	RelSamePlan = "same_plan" // both name the same plan
	RelCites    = "cites"     // the document names the other by its title
)

// Relation is one document's relation to another, with what it was read from.
type Relation struct {
	Kind     string `json:"kind"`
	Plan     string `json:"plan,omitempty"` // the plan name both use, for same_plan
	Evidence string `json:"evidence"`
}
