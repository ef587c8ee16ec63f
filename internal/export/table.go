package export

import (
	"io"
	"strconv"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Column is one column of an export: its stable key (the English header)
// and the Norwegian header advisers see.
type Column struct {
	Key, Norsk string
}

// Table is an export before it is written as CSV or as a workbook.
type Table struct {
	Name    string // "forpliktelser", "tiltak": the file and sheet name
	Columns []Column
	Rows    [][]string
}

// Header returns the column names in English (the keys) or in Norwegian.
func (t Table) Header(norwegian bool) []string {
	if !norwegian {
		return keys(t.Columns)
	}
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Norsk
	}
	return out
}

func keys(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Key
	}
	return out
}

var commitmentColumns = []Column{
	{"commitment_id", "Forpliktelse-ID"}, {"kind", "Form"}, {"document", "Dokument"}, {"chapter", "Kapittel"},
	{"commitment", "Forpliktelse"}, {"best_link_type", "Beste kobling, type"}, {"best_link_ref", "Beste kobling, nummer"},
	{"best_link_document", "Beste kobling, dokument"}, {"best_link_text", "Beste kobling, tekst"}, {"status", "Status"},
	{"status_text", "Status i dokumentets ord"}, {"score", "Styrke"}, {"reasons", "Hvorfor koblet"},
	{"other_links", "Andre koblinger"}, {"follow_up_status", "Oppfølgingsstatus"}, {"status_summary", "Statusoppsummering"},
}

// Commitments is one row per commitment with its best link, that link's
// status and score, the reasons for it, the other links, and the status the
// commitment shows (the worst of its linked tiltak) with a summary when they
// disagree. A commitment without links gets empty link columns.
func Commitments(views []corpus.CommitmentView) Table {
	t := Table{Name: "forpliktelser", Columns: commitmentColumns, Rows: make([][]string, 0, len(views))}
	for _, v := range views {
		row := []string{
			v.ID, string(v.Kind), title(v.DocumentTitle, v.DocumentID),
			strings.Join(v.Context.Path, " > "), v.Text,
			"", "", "", "", "", "", "", "", "", string(v.FollowUpStatus), v.StatusSummary,
		}
		if len(v.Links) > 0 {
			best := v.Links[0]
			row[5] = string(best.TargetType)
			row[6] = best.TargetRef
			row[7] = title(best.DocumentTitle, best.DocumentID)
			row[8] = best.TargetText
			row[9] = string(best.Status)
			row[10] = statusText(best)
			row[11] = strconv.FormatFloat(best.Score, 'f', 3, 64)
			row[12] = reasons(best)
			row[13] = others(v.Links[1:])
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// TiltakHeader is the first row of a tiltak export with English headers.
var TiltakHeader = keys(tiltakColumns)

var tiltakColumns = []Column{
	{"tiltak_id", "Tiltak-ID"}, {"ref", "Nummer"}, {"kind", "Form"}, {"document", "Dokument"},
	{"document_id", "Dokument-ID"}, {"innsatsomraade", "Innsatsområde"}, {"tiltak", "Tiltak"},
	{"status", "Status"}, {"status_date", "Statusdato"}, {"status_text", "Status i dokumentets ord"},
	{"evidence", "Status er lest fra"}, {"commitments", "Forpliktelser fulgt opp"},
}

// Tiltak is one row per tiltak: where it stands, its status with the date
// and the words it was read from, and how many commitments it follows up.
func Tiltak(views []corpus.TiltakView) Table {
	t := Table{Name: "tiltak", Columns: tiltakColumns, Rows: make([][]string, 0, len(views))}
	for _, v := range views {
		st := v.Status
		if st == "" {
			st = corpus.StatusUkjent
		}
		t.Rows = append(t.Rows, []string{
			v.ID, v.Ref, string(v.Kind), title(v.DocumentTitle, v.DocumentID), v.DocumentID, v.Innsatsomraade, v.Text,
			string(st), v.StatusDate, v.StatusText, v.Evidence, strconv.Itoa(len(v.Commitments)),
		})
	}
	return t
}

// TiltakCSV writes Tiltak(views) as CSV with English headers and commas.
func TiltakCSV(w io.Writer, views []corpus.TiltakView) error {
	return WriteCSV(w, Tiltak(views), CSVOptions{})
}
