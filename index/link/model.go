package link

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// docEntry is one document's analysed commitments and link targets. It is
// kept across generations while the document's version stays the same.
type docEntry struct {
	version     string
	meta        corpus.Document
	rel         docRelations // what relates it to other documents
	sig         signature    // for telling copies of one text apart
	commitments []commitment
	tiltak      []corpus.Tiltak
	tterms      []termSet // each tiltak's text and ref, for filtering by query
	areas       []string  // each tiltak's innsatsområde or chapter
	units       []unit
}

// commitment is a commitment with its analysed text.
type commitment struct {
	corpus.Commitment
	words   []word
	terms   termSet
	phrases []phrase // bigrams without action words, in order
	refs    []string // tiltak numbers the commitment names ("7.1")
	plans   []string // plans the commitment names itself
}

// unit is a link target: a tiltak, or a section that is not already
// represented by an innsatsområde tiltak.
type unit struct {
	typ        corpus.TargetType
	id         string
	docID      string
	doc        int32 // the document's index in this generation's graph
	sectionID  string
	text       string // shown to advisers
	heading    string // the heading that names the unit
	status     corpus.Status
	statusText string // the status in the document's words
	evidence   string // the sentence the status was read from
	ref        string // tiltak number, for explicit references
	targetRef  string // the tiltak's ref as shown to advisers: number or innsatsområde
	kind       corpus.TiltakKind
	primary    termSet // the unit's own words
	secondary  termSet // words around it (the body of an innsatsområde's section)
	headTerms  termSet
	// Sorted keys, so that sums over them come out the same in every
	// computation; set when the model is first built.
	headKeys, primaryKeys []string
	bigrams               map[string]bool // of the primary text
	weight                float64         // Σ idf over primary, set when the model is built
}

var refRe = regexp.MustCompile(`(?i)tiltak\s+(\d{1,2}(?:\.\d{1,2}){0,2})`)

// analyse turns a full document into a docEntry.
func (s *Service) analyse(doc corpus.Document, ver string) *docEntry {
	e := &docEntry{version: ver, rel: readRelations(doc), sig: sign(doc), tiltak: doc.Tiltak}
	for _, c := range doc.Commitments {
		ws, bi := s.an.analyse(c.Text)
		ce := commitment{Commitment: c, words: ws, terms: toSet(ws), phrases: phrases(ws, bi)}
		own := map[string]string{}
		plans(c.Text, own)
		for p := range own {
			ce.plans = append(ce.plans, p)
		}
		slices.Sort(ce.plans)
		for _, m := range refRe.FindAllStringSubmatch(c.Text, -1) {
			ce.refs = append(ce.refs, m[1])
		}
		e.commitments = append(e.commitments, ce)
	}
	sections, alias := mergeStatusSections(doc.Sections)
	secs := make(map[string]corpus.Section, len(sections))
	for _, sec := range sections {
		secs[sec.ID] = sec
	}
	represented := map[string]bool{}
	for _, t := range doc.Tiltak {
		e.tterms = append(e.tterms, s.an.terms(t.Text+" "+t.Ref))
		if a, ok := alias[t.SectionID]; ok {
			t.SectionID = a
		}
		ws, bi := s.an.analyse(t.Text)
		u := unit{
			typ: corpus.TargetTiltak, id: t.ID, docID: doc.ID, sectionID: t.SectionID,
			text: tiltakLabel(t), status: t.Status, statusText: t.StatusText, evidence: t.Evidence, targetRef: t.Ref, kind: t.Kind, primary: toSet(ws), bigrams: bi,
		}
		host := secs[t.SectionID]
		e.areas = append(e.areas, area(t, host))
		switch t.Kind {
		case corpus.TiltakInnsatsomraade:
			u.heading = t.Ref
			u.secondary = s.an.terms(host.Text)
			represented[t.SectionID] = true
		case corpus.TiltakNumbered, corpus.TiltakListItem:
			u.ref = t.Ref
			u.heading = host.Heading
		default:
			u.heading = host.Heading
		}
		u.headTerms = s.an.terms(u.heading)
		e.units = append(e.units, u)
	}
	for _, sec := range sections {
		if represented[sec.ID] {
			continue
		}
		ws, bi := s.an.analyse(sec.Heading + "\n" + sec.Text)
		if len(ws) < 4 {
			continue // navigation lines, bare headings
		}
		e.units = append(e.units, unit{
			typ: corpus.TargetSection, id: sec.ID, docID: doc.ID, sectionID: sec.ID,
			text: sectionText(sec), heading: sec.Heading, primary: toSet(ws), bigrams: bi,
			headTerms: s.an.terms(sec.Heading),
		})
	}
	return e
}

// statusHeadingRe matches a "Status: …" line that a splitter took for a heading.
var statusHeadingRe = regexp.MustCompile(`(?i)^\s*status\s*:`)

// mergeStatusSections folds a section headed "Status: …" into the section
// before it: it is the body of that innsatsområde or tiltak, not a topic of
// its own.
// alias maps the ids of folded sections to the section they joined.
func mergeStatusSections(in []corpus.Section) (out []corpus.Section, alias map[string]string) {
	alias = map[string]string{}
	for _, sec := range in {
		if n := len(out); n > 0 && statusHeadingRe.MatchString(sec.Heading) {
			out[n-1].Text += "\n\n" + sec.Heading + "\n" + sec.Text
			alias[sec.ID] = out[n-1].ID
			continue
		}
		out = append(out, sec)
	}
	return out, alias
}

// phrase is a commitment's word pair: its key in unit bigrams and how it reads.
type phrase struct{ key, text string }

// phrases lists a commitment's bigrams that can count as a shared phrase:
// pairs without action verbs ("innovative anskaffelser", not "styrke arbeidet").
func phrases(ws []word, bi map[string]bool) []phrase {
	surface := map[string]string{}
	for _, w := range ws {
		surface[w.key] = w.surface
	}
	var out []phrase
	for _, b := range sortedBigrams(bi) {
		k1, k2, _ := strings.Cut(b, " ")
		if actionWords[surface[k1]] || actionWords[surface[k2]] {
			continue
		}
		out = append(out, phrase{key: b, text: surface[k1] + " " + surface[k2]})
	}
	return out
}

// area names the innsatsområde or chapter a tiltak belongs to: the area
// itself for an innsatsområde; else the nearest heading above the tiltak's
// own (a numbered tiltak's section is often the tiltak itself).
func area(t corpus.Tiltak, host corpus.Section) string {
	if t.Kind == corpus.TiltakInnsatsomraade {
		return t.Ref
	}
	if t.Kind == corpus.TiltakNumbered && len(host.Path) > 0 && strings.Contains(host.Heading, t.Ref) {
		return host.Path[len(host.Path)-1]
	}
	if host.Heading != "" {
		return host.Heading
	}
	if len(host.Path) > 0 {
		return host.Path[len(host.Path)-1]
	}
	return ""
}

// tiltakLabel is how a tiltak is shown as a link target: with its number
// when it has one.
func tiltakLabel(t corpus.Tiltak) string {
	switch t.Kind {
	case corpus.TiltakNumbered:
		return "Tiltak " + t.Ref + " " + t.Text
	case corpus.TiltakListItem:
		return "Tiltak " + t.Ref + ": " + t.Text
	}
	return t.Text
}

// sectionText is how a section is shown as a link target: its heading and
// the start of its text.
func sectionText(sec corpus.Section) string {
	body := strings.Join(strings.Fields(sec.Text), " ")
	if r := []rune(body); len(r) > 240 {
		body = string(r[:240]) + " …"
	}
	switch {
	case sec.Heading == "":
		return body
	case body == "":
		return sec.Heading
	}
	return sec.Heading + ": " + body
}

// model holds the corpus-wide term statistics and the inverted map used to
// find candidates.
type model struct {
	units  []*unit
	idf    map[string]float64
	post   map[string][]int32 // term → units that contain it (primary or secondary)
	biDF   map[string]int     // bigram → units that contain it
	maxDF  int                // terms in more units than this do not propose candidates
	defIDF float64            // idf of a term no unit has
}

func newModel(entries []*docEntry) *model {
	m := &model{idf: map[string]float64{}, post: map[string][]int32{}, biDF: map[string]int{}}
	df := map[string]int{}
	for _, e := range entries {
		for i := range e.units {
			u := &e.units[i]
			idx := int32(len(m.units))
			m.units = append(m.units, u)
			for b := range u.bigrams {
				m.biDF[b]++
			}
			for k := range u.primary {
				df[k]++
				m.post[k] = append(m.post[k], idx)
			}
			for k := range u.secondary {
				if _, ok := u.primary[k]; !ok {
					df[k]++
					m.post[k] = append(m.post[k], idx)
				}
			}
		}
	}
	n := float64(len(m.units))
	for k, d := range df {
		m.idf[k] = math.Log(1 + n/float64(d))
	}
	m.defIDF = math.Log(1 + n)
	m.maxDF = max(len(m.units)/20, 200)
	for _, u := range m.units {
		if u.headKeys == nil {
			u.headKeys = sortedKeys(u.headTerms)
			u.primaryKeys = sortedKeys(u.primary)
		}
		u.weight = 0
		for _, k := range u.primaryKeys {
			u.weight += m.idf[k]
		}
	}
	return m
}

// weight is a term's idf; terms no unit has weigh the most.
func (m *model) weight(k string) float64 {
	if w, ok := m.idf[k]; ok {
		return w
	}
	return m.defIDF
}
