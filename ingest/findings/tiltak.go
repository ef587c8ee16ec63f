package findings

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/ingest/internal/fold"
	"github.com/strategispor/strategispor/internal/corpus"
)

const tiltakExpr = `(?i)(?:^|[^\p{L}])tiltak\s+(\d{1,2}(?:\.\d{1,2}){0,2})\.?:?\s+(\S.*)$`

var (
	// tiltakRe finds "Tiltak 7.1 Utarbeide …", "tiltak 4.4. Omtale …",
	// "Tiltak 12: Etablere …" and "Tiltak 5 i nasjonal strategi …".
	tiltakRe = anchor(tiltakExpr, "tiltak")
	// statusLineRe finds a "Status: Mindre forsinkelser" line.
	statusLineRe = regexp.MustCompile(`(?i)^status\s*:\s*(.+)$`)
	// verbRe finds the verbs that put a status after a tiltak's title:
	// "… er ikke startet", "… rapportert forsinket".
	verbRe = regexp.MustCompile(`(?i)\s(?:er|ble|blir|vart|har blitt|er blitt|rapporteres|rapportert|er rapportert|rapporterer|meldes|meldt|har status)\s`)
	// referRe tells a reference to another plan from a mention of the
	// document's own: "i nasjonal strategi for digital sikkerhet".
	referRe = regexp.MustCompile(`(?i)^(?:i|fra|frå|under)\s+(.*?(?:strategi|handlingsplan|plan|melding|meld\.|program|reform)\S*.*?)\s*(?:[.;,)]|$)`)
	// itemStatusRe finds a status written inside a list item.
	itemStatusRe = regexp.MustCompile(`(?i)status\s*:\s*([^.]+)`)
	// docStatusRe finds the values of a "Status:" line that speak of the
	// document's own course (a hearing, a draft, a decision), as on every
	// regjeringen.no hearing page: document metadata, never a tiltak.
	docStatusRe = regexp.MustCompile(`(?i)^(?:på |til |ute på |sendt på )?(?:høring|høyring)|^(?:høring|høyring)\S*\s+(?:er\s+)?(?:avslutta|avsluttet|stengt|ute)|^(?:ferdigbehandla|ferdigbehandlet|under behandling|til behandling|utkast|vedtatt|vedteke|gjeldende|gjeldande)(?:$|[^\p{L}])`)
)

// findTiltak finds numbered tiltak, references to other plans' tiltak,
// numbered lists introduced as measures, and innsatsområder with a status.
func findTiltak(doc *corpus.Document, lines []line) []corpus.Tiltak {
	var out []corpus.Tiltak
	byRef := map[string]int{}    // numbered ref → index in out
	byLine := map[int]int{}      // line index of a tiltak heading → index in out
	usedStatus := map[int]bool{} // status lines already attached to a tiltak
	seen := map[string]int{}     // ids handed out
	add := func(t corpus.Tiltak, l line) int {
		t.DocumentID = doc.ID
		t.SectionID = doc.Sections[l.sec].ID
		if t.Status == "" {
			t.Status = corpus.StatusUkjent
		}
		t.ID = doc.ID + "-t" + corpus.Hash8(string(t.Kind), t.Ref, t.Text)
		if n := seen[t.ID]; n > 0 { // the same measure repeated in the document
			seen[t.ID]++
			t.ID = doc.ID + "-t" + corpus.Hash8(string(t.Kind), t.Ref, t.Text, strconv.Itoa(n))
		}
		seen[t.ID]++
		out = append(out, t)
		return len(out) - 1
	}

	for i, l := range lines {
		// "tiltak" has a k, which also folds to the Kelvin sign.
		if !strings.Contains(l.low, "tiltak") && !(strings.Contains(l.text, "\u212a") && fold.Contains(l.text, "tiltak")) {
			continue
		}
		for k, s := range sentences(l.text) {
			m := tiltakRe.find(s)
			if m == nil {
				continue
			}
			ref, rest := m[1], m[2]
			if rm := referRe.FindStringSubmatch(rest); rm != nil && !ownPlan(rm[1]) {
				key := "ref:" + ref + ":" + strings.ToLower(rm[1])
				if _, ok := byRef[key]; ok {
					continue
				}
				byRef[key] = add(corpus.Tiltak{
					Ref: ref, Kind: corpus.TiltakReference,
					Text: "Tiltak " + ref + " i " + rm[1], RefersTo: rm[1],
					Evidence: s,
				}, l)
				continue
			}
			// A definition starts with a capital ("Tiltak 7.1 Utarbeide …"), or
			// opens its paragraph ("Tiltak 1. barnehagetilbud til …", as a PDF
			// that set the number apart gives it); "… tiltak 7.1, siden …" in
			// running text is a mention.
			first, _ := utf8.DecodeRuneInString(rest)
			if !unicode.IsUpper(first) && !(k == 0 && opensWithTiltak(l.text)) {
				continue
			}
			title, status, statusText := splitStatus(rest)
			if k, ok := byRef[ref]; ok {
				if out[k].Status == corpus.StatusUkjent && status != corpus.StatusUkjent {
					out[k].Status, out[k].StatusText, out[k].Evidence = status, statusText, s
				}
				continue
			}
			t := corpus.Tiltak{Ref: ref, Kind: corpus.TiltakNumbered, Text: title}
			if status != corpus.StatusUkjent {
				t.Status, t.StatusText, t.Evidence = status, statusText, s
			}
			byRef[ref] = add(t, l)
			if l.heading {
				byLine[i] = byRef[ref]
			}
		}
	}

	// Status lines: attach to a numbered tiltak heading above them, or make
	// the heading above an innsatsområde.
	for i, l := range lines {
		if !fold.HasPrefix(l.text, "status") {
			continue
		}
		m := statusLineRe.FindStringSubmatch(l.text)
		if m == nil || usedStatus[i] {
			continue
		}
		value := strings.TrimSpace(m[1])
		if docStatusRe.MatchString(value) {
			usedStatus[i] = true
			if doc.Status == "" {
				doc.Status = value
				if doc.Provenance == nil {
					doc.Provenance = map[string]string{}
				}
				doc.Provenance["status"] = "text: " + l.text
			}
			continue
		}
		status, _ := NormalizeStatus(value)
		h, goal := headingAbove(lines, i)
		if h < 0 {
			continue
		}
		usedStatus[i] = true
		if k, ok := byLine[h]; ok {
			if out[k].Status == corpus.StatusUkjent {
				out[k].Status, out[k].StatusText, out[k].Evidence = status, value, l.text
			}
			continue
		}
		heading := strings.TrimRight(lines[h].text, " :")
		text := heading
		if goal != "" {
			text = heading + ": " + goal
		}
		add(corpus.Tiltak{
			Ref: heading, Kind: corpus.TiltakInnsatsomraade, Text: text,
			Status: status, StatusText: value, Evidence: l.text,
		}, lines[h])
	}

	listTiltak(lines, add)
	statusForTiltak(lines, &out, add)
	tableTiltak(lines, &out, add)
	return out
}

// opensWithTiltak reports whether a line starts with "Tiltak N".
func opensWithTiltak(t string) bool {
	return len(t) > 7 && fold.HasPrefix(t, "tiltak ") && t[7] >= '0' && t[7] <= '9'
}

// splitStatus splits "Utarbeide … er ikke startet. Dette skyldes …" into
// the title, the normalized status and the status words ("er ikke startet").
// Only a status that follows a verb close behind the title counts, so that a
// title containing "ferdig" or "plan" is not read as a status.
func splitStatus(rest string) (title string, status corpus.Status, statusText string) {
	rest = strings.TrimSpace(rest)
	// Of the verbs followed closely by a status, take the one with the
	// fewest words in between ("er av kapasitetshensyn ikke startet opp").
	best, bestAt := []int(nil), 26
	for _, loc := range verbRe.FindAllStringIndex(rest, -1) {
		if _, _, at := findStatus(rest[loc[1]:]); at >= 0 && at < bestAt {
			best, bestAt = loc, at
		}
	}
	if best == nil {
		return strings.TrimRight(rest, " .,;:"), corpus.StatusUkjent, ""
	}
	after := rest[best[1]:]
	st, phrase, at := findStatus(after)
	title = strings.TrimRight(strings.TrimSpace(rest[:best[0]]), " ,;:")
	statusText = strings.TrimSpace(rest[best[0]:best[1]]) + " " + strings.TrimSpace(after[:at]+phrase)
	return title, st, strings.Join(strings.Fields(statusText), " ")
}

// ownPlan reports whether a referenced plan is the document's own
// ("i handlingsplanen", "i strategien"): a single definite noun.
func ownPlan(name string) bool {
	w := words(name)
	return len(w) == 1 && (strings.HasSuffix(w[0], "en") || strings.HasSuffix(w[0], "et"))
}

// headingAbove finds the heading that a status line at index i belongs to
// and the goal sentence between them. It accepts an unmarked short line
// without final punctuation as the heading when the splitter did not mark one.
func headingAbove(lines []line, i int) (int, string) {
	goal := ""
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		l := lines[j]
		if fold.HasPrefix(l.text, "status") && statusLineRe.MatchString(l.text) {
			return -1, ""
		}
		if l.heading || looksLikeHeading(l.text) && j < i-1 {
			return j, goal
		}
		if !l.item {
			goal = firstSentence(l.text)
		}
	}
	return -1, ""
}

// looksLikeHeading reports whether an unmarked line reads like a heading.
func looksLikeHeading(t string) bool {
	n := len(strings.Fields(t))
	return n > 0 && n <= 12 && !strings.ContainsAny(t[len(t)-1:], ".:;,!?")
}
