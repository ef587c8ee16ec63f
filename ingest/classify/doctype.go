package classify

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

var (
	lovTitleRe    = regexp.MustCompile(`(?i)^(lov|forskrift|forskrifter)\s+(om|til)\b`)
	horingTitleRe = regexp.MustCompile(`(?i)\b(høring|høyring|høringsnotat|høyringsnotat)\b`)
	reportTitleRe = regexp.MustCompile(`(?i)rapport|risiko|undersøkelse|evaluering|analyse|arkitektur|utredning|\bIT i praksis\b|\bNOU\b`)
)

// Thresholds for the rules below.
const (
	minStatusLines   = 2    // "Status:" lines that make a status report
	minTiltakLines   = 3    // numbered tiltak that make an action plan
	minLawParagraphs = 5    // "§ n" lines that make a statute
	longDocWords     = 3000 // a "strategi" title alone needs this much text
	articleMaxWords  = 2500 // web articles are shorter than this
	reportMinPages   = 20   // a PDF this long with no other signal is a report
	reportMinMention = 2    // "rapporten" this often
)

// docType applies the rules in order; the first that holds decides. The
// reason is recorded as provenance ("rule: …").
// mastheadBytes is how far into a text a gazette's masthead stands.
const mastheadBytes = 600

func (c *context) docType() (corpus.DocType, string) {
	title := c.doc.Title
	if c.ex.Meta["page_kind"] == "listing" {
		return corpus.TypeAnnet, "rule: listing page (" + c.ex.MetaSource["page_kind"] + ")"
	}
	// The gazette's masthead opens its prints; a list of sources or an
	// article that mentions Lovtidend further down is no law.
	if strings.Contains(c.text[:min(len(c.text), mastheadBytes)], "Lovtidend") {
		return corpus.TypeLov, "rule: opens with Norsk Lovtidend"
	}
	if lovTitleRe.MatchString(title) {
		return corpus.TypeLov, "rule: title starts with lov/forskrift om"
	}
	if n := c.countAt(paragraphAtRe, startsParagraph); n >= minLawParagraphs {
		return corpus.TypeLov, "rule: " + plural(n, "line", "lines") + " starting with §"
	}
	if slices.ContainsFunc(c.lines, isSaksLabel) {
		return corpus.TypeSaksframlegg, "rule: has the heading SAKSFRAMLEGG"
	}
	if c.doc.CaseNumber != "" && c.firstAt(meetingAtRe, startsMeeting) != nil {
		return corpus.TypeSaksframlegg, "rule: case number and Møtedato: line"
	}
	if strings.EqualFold(c.ex.Meta["dc_type"], "horing") {
		return corpus.TypeHoring, "rule: " + c.metaSource("dc_type") + " is Horing"
	}
	if horingTitleRe.MatchString(title) {
		return corpus.TypeHoring, "rule: title says høring"
	}
	if ok, why := c.whitePaper(); ok {
		return corpus.TypeStortingsmelding, why
	}
	if n := c.countAt(statusLineAtRe, startsStatus); n >= minStatusLines {
		return corpus.TypeStatusrapport, "rule: contains " + plural(n, "Status: line", "Status: lines")
	}
	lt := strings.ToLower(title)
	if strings.Contains(lt, "statusrapport") {
		return corpus.TypeStatusrapport, "rule: title says statusrapport"
	}
	if strings.Contains(lt, "handlingsplan") {
		return corpus.TypeHandlingsplan, "rule: title says handlingsplan"
	}
	if n := c.countAt(tiltakLineAtRe, hasTiltak); n >= minTiltakLines {
		return corpus.TypeHandlingsplan, "rule: " + plural(n, "numbered tiltak line", "numbered tiltak lines")
	}
	if n := c.countAt(commitListAtRe, startsCommitList) + c.commitHeadings(); n > 0 {
		return corpus.TypeStrategi, "rule: " + plural(n, "\"Regjeringen vil\" list", "\"Regjeringen vil\" lists")
	}
	if strings.Contains(lt, "strategi") && c.wordCount() >= longDocWords {
		return corpus.TypeStrategi, fmt.Sprintf("rule: title says strategi, %d words", c.wordCount())
	}
	if reportTitleRe.MatchString(title) {
		return corpus.TypeRapport, "rule: title names a report (" + reportTitleRe.FindString(title) + ")"
	}
	if n := countReportWords(c.text); n >= reportMinMention {
		return corpus.TypeRapport, "rule: mentions " + plural(n, "report", "reports") + " (rapport/rapporten)"
	}
	if c.doc.Format == "pdf" && c.doc.Pages >= reportMinPages {
		return corpus.TypeRapport, fmt.Sprintf("rule: PDF of %d pages", c.doc.Pages)
	}
	if n := c.wordCount(); n > 0 && n < articleMaxWords && c.doc.Format != "pdf" {
		return corpus.TypeArtikkel, fmt.Sprintf("rule: short prose (%d words) with no other signal", n)
	}
	return corpus.TypeAnnet, "rule: no rule matched"
}

// commitHeadings counts sections headed "Regjeringen vil" (a DOCX or HTML
// heading rather than a lead-in line) that hold a list.
func (c *context) commitHeadings() int {
	n := 0
	for i, s := range c.doc.Sections {
		// A later part named by its list is counted by its text.
		if len(s.ListItems) > 0 && commitHeadingRe.MatchString(s.Heading) && !c.parts[i] {
			n++
		}
	}
	return n
}

var commitHeadingRe = regexp.MustCompile(`(?:^|\s)(?:Regjeringen|Regjeringa|Departementet|Vi)\s+vil:?$`)
