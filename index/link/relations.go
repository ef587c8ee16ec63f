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
// when both name the same plan: a compound whose head is a plan word
// ("digitaliseringsstrategien", "samhandlingsplan", "digitaliseringsprogrammet")
// in their text or notes. Bare "strategi" or "plan" name nothing.

// planHeads are the heads of plan names, each with its inflections.
var planHeads = []struct{ base, re string }{
	{"strategi", `strategi(?:en|er|ene|ens)?`},
	{"plan", `plan(?:en|er|ene|ens)?`},
	{"program", `program(?:met|mer|mene|mets)?`},
	{"reform", `reform(?:en|er|ene|ens)?`},
	{"melding", `melding(?:en|er|ene|ens)?`},
	{"veikart", `veikart(?:et|ene|ets)?`},
}

// planWordRe finds words ending in a plan head; planName checks the rest.
var planWordRe = func() *regexp.Regexp {
	alts := make([]string, len(planHeads))
	for i, h := range planHeads {
		alts[i] = h.re
	}
	return regexp.MustCompile(`(?i)(\p{L}{4,})(` + strings.Join(alts, "|") + `)(?:$|[^\p{L}])`)
}()

// minModifier is the shortest modifier a plan name has ("tids|plan" is too
// short to name anything; "samhandlings|plan" is not).
const minModifier = 5

// plans returns the plan names a text uses (modifier + base head, lower
// case) with the first sentence that uses each.
func plans(text string, into map[string]string) {
	for _, m := range planWordRe.FindAllStringSubmatchIndex(text, -1) {
		start := m[2]
		if start > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:start])
			if unicode.IsLetter(r) {
				continue // the match began inside a longer word
			}
		}
		mod := strings.ToLower(text[m[2]:m[3]])
		head := strings.ToLower(text[m[4]:m[5]])
		if len([]rune(mod)) < minModifier {
			continue
		}
		// "melding" ends many words that are not white papers
		// ("tilbakemelding", "feilmelding"); only "stortingsmelding" is one.
		if strings.HasPrefix(head, "melding") && !strings.HasSuffix(mod, "stortings") {
			continue
		}
		name := mod + baseHead(head)
		if _, ok := into[name]; !ok {
			into[name] = sentenceAt(text, m[2])
		}
	}
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
	start := strings.LastIndexAny(text[:i], ".!?\n") + 1
	end := strings.IndexAny(text[i:], ".!?\n")
	if end < 0 {
		end = len(text)
	} else {
		end += i + 1
	}
	s := strings.Join(strings.Fields(text[start:end]), " ")
	if r := []rune(s); len(r) > 240 {
		s = string(r[:240]) + " …"
	}
	return s
}

// docRelations is what one document says that can relate it to others:
// the plans it names, and the sentences where it may name another
// document by title (sentences with a plan word or a quotation, and notes).
type docRelations struct {
	plans    map[string]string // plan name → evidence sentence
	title    []string          // title words, nil when too short to name anything
	mentions []string          // candidate sentences, as written
}

// quoteRe finds quotations and names set apart: «…», "…", “…”.
var quoteRe = regexp.MustCompile(`[«"“]`)

func readRelations(doc corpus.Document) docRelations {
	r := docRelations{plans: map[string]string{}, title: titleWords(doc.Title)}
	for _, sec := range doc.Sections {
		for _, t := range []string{sec.Heading, sec.Text} {
			n := len(r.plans)
			plans(t, r.plans)
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
			plans(ref, r.plans)
			r.mentions = append(r.mentions, ref)
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
