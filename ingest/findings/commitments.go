package findings

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/strategispor/strategispor/ingest/internal/fold"
	"github.com/strategispor/strategispor/internal/corpus"
)

// Committing sentences in running text: "Regjeringen vil styrke …",
// "… vil regjeringen, i samarbeid med KS, utrede …".
const (
	proseExpr  = `(?i)(?:^|[^\p{L}])(regjeringen|regjeringa|departementet)\s+vil(?:\s*,[^,]{1,80},)?((?:\s+(?:derfor|også|òg|blant annet|fortsatt|videre|vidare|samtidig|nå|no|i tillegg|i\s+\d{4}|(?:frem|fram) mot \d{4}|innen \d{4}))*)\s+(\p{L}+)`
	proseVExpr = `(?i)(?:^|[^\p{L}])vil\s+(regjeringen|regjeringa|departementet)((?:\s+(?:derfor|også|òg|blant annet|fortsatt|videre|vidare|samtidig|nå|no|i tillegg))*)\s+(\p{L}+)`
)

// A lead-in is a line that introduces a list of commitments: "Regjeringen
// vil", "Regjeringa vil:", "For å nå målene vil regjeringen:". The subject
// is captured so that "Vi vil" and "Departementet vil" can be accepted only
// in documents written by the government.
var (
	leadInRe   = regexp.MustCompile(`(?i)^(?:.{0,160}[\s,])?(regjeringen|regjeringa|vi|departementet)\s+vil(?:\s+(?:derfor|også|òg|blant annet|bl\.a\.|fortsatt|vidare|videre|mellom annet))*\s*:?$`)
	leadInVRe  = regexp.MustCompile(`(?i)(?:^|[\s,])vil\s+(regjeringen|regjeringa|vi|departementet)(?:\s+(?:derfor|også|òg|blant annet|fortsatt))*\s*:$`)
	proseRe    = anchor(proseExpr, "regjering", "departementet")
	proseVRe   = anchor(proseVExpr, "vil")
	proseRes   = []anchored{proseRe, proseVRe}
	nonCommits = map[string]bool{
		// Modal chains and copulas describe what may happen, not what will be done.
		"kunne": true, "kunna": true, "måtte": true, "bli": true, "verte": true, "være": true, "vere": true,
		"ha": true, "ikke": true, "ikkje": true, "gjerne": true, "trolig": true, "sannsynligvis": true,
	}
)

// findCommitments finds bulleted commitments under lead-ins and committing
// sentences in running text.
func findCommitments(doc *corpus.Document, lines []line) []corpus.Commitment {
	gov := governmentVoice(doc)
	var out []corpus.Commitment
	seen := map[string]int{}
	add := func(kind corpus.CommitmentKind, text string, l line, leadIn string) {
		h := corpus.Hash8(text)
		if n := seen[text]; n > 0 {
			h = corpus.Hash8(text, strconv.Itoa(n))
		}
		seen[text]++
		out = append(out, corpus.Commitment{
			ID:         doc.ID + "-c" + h,
			Text:       text,
			Kind:       kind,
			DocumentID: doc.ID,
			SectionID:  doc.Sections[l.sec].ID,
			Context:    corpus.Context{Path: contextOf(doc.Sections, l.sec), LeadIn: leadIn},
		})
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !l.item && strings.Contains(l.low, "vil") && isLeadIn(l.text, gov) {
			j := i + 1
			for ; j < len(lines) && lines[j].item; j++ {
				if t := strings.TrimRight(lines[j].text, " ;,"); t != "" {
					add(corpus.KindBullet, t, lines[j], l.text)
				}
			}
			if j > i+1 {
				i = j - 1
				continue
			}
		}
		if l.heading || l.item || !strings.Contains(l.low, "regjering") && !strings.Contains(l.low, "departementet") {
			continue
		}
		ss := sentences(l.text)
		for k, s := range ss {
			if committing(s, gov) {
				lead := ""
				if k > 0 {
					lead = ss[k-1]
				}
				add(corpus.KindProse, s, l, lead)
			}
		}
	}
	return out
}

// leadInEnds are the words a lead-in can end with, before an optional colon.
var leadInEnds = []string{"vil", "derfor", "også", "òg", "blant annet", "bl.a.", "fortsatt", "vidare", "videre", "mellom annet"}

// mayLeadIn is a cheap test that every lead-in passes: it names "vil" and
// ends with a colon or with one of leadInEnds.
func mayLeadIn(t string) bool {
	if !fold.Contains(t, "vil") {
		return false
	}
	if strings.HasSuffix(t, ":") {
		return true
	}
	e := strings.TrimRight(t, " \t\n\f\r")
	for _, w := range leadInEnds {
		if fold.HasSuffix(e, w) {
			return true
		}
	}
	return false
}

// isLeadIn reports whether t introduces a list of commitments.
func isLeadIn(t string, gov bool) bool {
	if !mayLeadIn(t) {
		return false
	}
	m := leadInRe.FindStringSubmatch(t)
	if m == nil {
		m = leadInVRe.FindStringSubmatch(t)
	}
	if m == nil {
		return false
	}
	switch strings.ToLower(m[1]) {
	case "regjeringen", "regjeringa":
		return true
	}
	return gov
}

// namesGovernment is a cheap test that every committing sentence passes:
// it names the government or the department.
func namesGovernment(s string) bool {
	return fold.Contains(s, "regjering") || fold.Contains(s, "departementet")
}

// committing reports whether sentence s commits the government to act.
func committing(s string, gov bool) bool {
	if strings.HasSuffix(s, "?") || !namesGovernment(s) {
		return false
	}
	for _, re := range proseRes {
		found := re.each(s, func(m []int) bool {
			subj := strings.ToLower(s[m[2]:m[3]])
			if subj == "departementet" && !gov {
				return false
			}
			return !nonCommits[strings.ToLower(s[m[6]:m[7]])]
		})
		if found {
			return true
		}
	}
	return false
}

// governmentVoice reports whether the document speaks for the government, so
// that "Vi vil" and "Departementet vil" are the government's commitments.
func governmentVoice(doc *corpus.Document) bool {
	org := strings.ToLower(doc.Organisation + " " + doc.Title)
	if strings.Contains(org, "departement") || strings.Contains(org, "regjering") {
		return true
	}
	switch doc.DocType {
	case corpus.TypeStrategi, corpus.TypeStortingsmelding, corpus.TypeHandlingsplan, corpus.TypeHoring, corpus.TypeLov:
	default:
		return false
	}
	n := 0
	for _, s := range doc.Sections {
		low := strings.ToLower(s.Text)
		n += strings.Count(low, "regjeringen") + strings.Count(low, "regjeringa")
	}
	return n >= 2
}
