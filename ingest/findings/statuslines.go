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

// statusForRe reads "Status for etablering av PIL – juni 2023: Det
// eksisterer …" and, as a heading with the value in the paragraph below,
// "Status for etablering av PIL - juni 2023": the subject, the date and the
// value (empty for the heading form).
var statusForRe = regexp.MustCompile(`(?i)^status\s+for\s+(.+?)(?:\s+[-–—]\s+((?:\p{L}+\s+)?\d{4}|\d{1,2}\.\s*\p{L}+\s+\d{4}|[\d./]+))?\s*(?::\s*(.*))?$`)

// nominalRe finds the noun phrase that opens a status subject, "etablering
// av", "arbeidet med", so that "etablering av felles tillitsmodell" meets
// the tiltak "Felles tillitsmodell for datadeling".
var nominalRe = regexp.MustCompile(`(?i)^(?:etablering|etableringen|innføring|innføringen|utvikling|utviklingen|arbeid|arbeidet|gjennomføring|gjennomføringen|oppfølging|oppfølgingen|utredning|utredningen)\s+(?:av|med|om|for)\s+`)

// statusForTiltak reads "Status for X – dato: …" lines and headings. The
// status goes to the tiltak X names when one was found (a list item
// "Etablering av PIL for datadeling" for "Status for etablering av PIL");
// otherwise X becomes an innsatsområde with that status.
func statusForTiltak(lines []line, found *[]corpus.Tiltak, add func(corpus.Tiltak, line) int) {
	for i, l := range lines {
		if l.item || !fold.HasPrefix(l.text, "status for ") {
			continue
		}
		m := statusForRe.FindStringSubmatch(l.text)
		if m == nil {
			continue
		}
		subject, value, evidence := strings.TrimSpace(m[1]), strings.TrimSpace(m[3]), l.text
		headingForm := value == ""
		if headingForm {
			// The heading form: the value is the paragraph below. A PDF may
			// set the heading in a style it cannot tell from text (italic at
			// body size); a short line that ends in its date counts too.
			if !l.heading && (m[2] == "" || len(words(l.text)) > 14) {
				continue
			}
			if i+1 >= len(lines) || lines[i+1].heading || lines[i+1].item {
				continue
			}
			value = lines[i+1].text
		}
		if subject == "" || len(words(subject)) > 12 {
			continue
		}
		status, statusText, sentence := statusIn(value)
		if status != corpus.StatusUkjent {
			evidence = strings.TrimRight(l.text, " :") + ": " + sentence
		}
		if k := tiltakNamed(*found, subject); k >= 0 {
			out := *found
			if out[k].Status == corpus.StatusUkjent && status != corpus.StatusUkjent {
				out[k].Status, out[k].StatusText, out[k].Evidence = status, statusText, evidence
			}
			continue
		}
		if headingForm && status == corpus.StatusUkjent {
			continue // a heading that states no status names no area of its own
		}
		add(corpus.Tiltak{
			Ref: upperFirst(subject), Kind: corpus.TiltakInnsatsomraade, Text: upperFirst(subject),
			Status: status, StatusText: statusText, Evidence: evidence,
		}, l)
	}
}

// statusIn finds the first sentence of text that states a status and
// returns the status, its words and the sentence.
func statusIn(text string) (corpus.Status, string, string) {
	for _, s := range sentences(text) {
		if st, phrase := NormalizeStatus(s); st != corpus.StatusUkjent {
			return st, phrase, s
		}
	}
	return corpus.StatusUkjent, "", firstSentence(text)
}

// tiltakNamed returns the index of the tiltak whose text holds subject, or
// subject without its opening noun phrase; -1 when none does.
func tiltakNamed(ts []corpus.Tiltak, subject string) int {
	want := []string{strings.ToLower(subject)}
	if loc := nominalRe.FindStringIndex(subject); loc != nil && loc[1] < len(subject) {
		want = append(want, strings.ToLower(subject[loc[1]:]))
	}
	for _, w := range want {
		if len(words(w)) == 0 {
			continue
		}
		for k, t := range ts {
			if strings.Contains(strings.ToLower(t.Text), w) {
				return k
			}
		}
	}
	return -1
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// tableTiltak reads tables with a status column, one row a line with cells
// joined by " | " (as the DOCX, HTML and AsciiDoc readers give them) or in
// Markdown's "| a | b |" form. A row is a tiltak when its status cell names
// a status, or when the table also has a column that names the measure
// ("Tiltak", "Aktivitet", "Beskrivelse"); a metadata table ("Status |
// Version | Maturity") gives none.
func tableTiltak(lines []line, found *[]corpus.Tiltak, add func(corpus.Tiltak, line) int) {
	for i := 0; i < len(lines); i++ {
		head := cells(lines[i].text)
		statusCol, textCol, refCol := -1, -1, -1
		for c, h := range head {
			hw := words(h)
			switch {
			case len(hw) == 0:
			case statusCol < 0 && (hw[0] == "status" || hw[0] == "fremdrift" || hw[0] == "framdrift"):
				statusCol = c
			case textCol < 0 && (strings.HasPrefix(hw[0], "tiltak") || hw[0] == "aktivitet" || hw[0] == "beskrivelse" || hw[0] == "navn" || hw[0] == "tittel"):
				textCol = c
			case refCol < 0 && (hw[0] == "nr" || hw[0] == "id" || hw[0] == "nummer"):
				refCol = c
			}
		}
		if len(head) < 2 || statusCol < 0 {
			continue
		}
		j, n := i+1, 0
		for ; j < len(lines) && len(cells(lines[j].text)) == len(head) && !lines[j].heading; j++ {
			row := cells(lines[j].text)
			if isRule(row) {
				continue
			}
			n++
			status, phrase := NormalizeStatus(row[statusCol])
			if status == corpus.StatusUkjent && textCol < 0 {
				continue
			}
			text := ""
			if textCol >= 0 {
				text = row[textCol]
			} else {
				for c, v := range row {
					if c != statusCol && c != refCol && len(words(v)) > 0 && strings.Trim(v, "0123456789. ") != "" {
						text = v
						break
					}
				}
			}
			if text == "" {
				continue
			}
			ref := strconv.Itoa(n)
			if refCol >= 0 && row[refCol] != "" {
				ref = strings.TrimRight(row[refCol], ".")
			}
			// A row may give the status of a tiltak found before: "7.1 Felles
			// plattform | Mindre forsinkelser" for "Tiltak 7.1 Felles plattform".
			if k := sameTiltak(*found, ref, refCol >= 0, text); k >= 0 {
				if out := *found; out[k].Status == corpus.StatusUkjent && status != corpus.StatusUkjent {
					out[k].Status, out[k].StatusText, out[k].Evidence = status, phrase, lines[j].text
				}
				continue
			}
			t := corpus.Tiltak{Ref: ref, Kind: corpus.TiltakListItem, Text: text, Status: status, Evidence: lines[j].text}
			if status != corpus.StatusUkjent {
				t.StatusText = phrase
			}
			add(t, lines[j])
		}
		i = j - 1
	}
}

var leadRefRe = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+(.*)$`)

// sameTiltak returns the index of a tiltak found before that a table row
// names: by the row's number ("7.1 Felles plattform", or its Nr column)
// against a numbered tiltak's ref, or by the same text; -1 when none.
func sameTiltak(ts []corpus.Tiltak, ref string, hasRefCol bool, text string) int {
	num := ""
	if hasRefCol {
		num = ref
	} else if m := leadRefRe.FindStringSubmatch(text); m != nil {
		num, text = m[1], m[2]
	}
	for k, t := range ts {
		if num != "" && t.Kind == corpus.TiltakNumbered && t.Ref == num {
			return k
		}
		if strings.EqualFold(strings.TrimRight(t.Text, " ."), strings.TrimRight(text, " .")) {
			return k
		}
	}
	return -1
}

// cells splits a table row into trimmed cells; nil for a line that is no row.
func cells(t string) []string {
	if !strings.Contains(t, "|") {
		return nil
	}
	t = strings.TrimSpace(t)
	md := strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && len(t) > 1
	if md {
		t = t[1 : len(t)-1]
	} else if !strings.Contains(t, " | ") {
		return nil
	}
	parts := strings.Split(t, "|")
	for k := range parts {
		parts[k] = strings.TrimSpace(parts[k])
	}
	return parts
}

// isRule reports whether a row is a Markdown table's rule ("| :--- | ---: |").
func isRule(row []string) bool {
	for _, c := range row {
		if strings.Trim(c, ":- ") != "" {
			return false
		}
	}
	return true
}
