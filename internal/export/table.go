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
	Number     bool    // written as a number in a workbook
	Width      float64 // in a workbook, in characters; 0 is 16
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
	{Key: "commitment_id", Norsk: "Forpliktelse-ID", Width: 24}, {Key: "kind", Norsk: "Form", Width: 8},
	{Key: "document", Norsk: "Dokument", Width: 30}, {Key: "chapter", Norsk: "Kapittel", Width: 30},
	{Key: "commitment", Norsk: "Forpliktelse", Width: 60}, {Key: "best_link_type", Norsk: "Beste kobling, type", Width: 10},
	{Key: "best_link_ref", Norsk: "Beste kobling, nummer", Width: 12}, {Key: "best_link_document", Norsk: "Beste kobling, dokument", Width: 30},
	{Key: "best_link_text", Norsk: "Beste kobling, tekst", Width: 60}, {Key: "status", Norsk: "Status", Width: 18},
	{Key: "status_text", Norsk: "Status i dokumentets ord", Width: 24}, {Key: "score", Norsk: "Styrke", Number: true, Width: 8},
	{Key: "reasons", Norsk: "Hvorfor koblet", Width: 50}, {Key: "other_links", Norsk: "Andre koblinger", Width: 50},
	{Key: "follow_up_status", Norsk: "Oppfølgingsstatus", Width: 18}, {Key: "status_summary", Norsk: "Statusoppsummering", Width: 30},
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
	{Key: "tiltak_id", Norsk: "Tiltak-ID", Width: 24}, {Key: "ref", Norsk: "Nummer", Width: 8}, {Key: "kind", Norsk: "Form", Width: 12},
	{Key: "document", Norsk: "Dokument", Width: 30}, {Key: "document_id", Norsk: "Dokument-ID", Width: 24},
	{Key: "innsatsomraade", Norsk: "Innsatsområde", Width: 30}, {Key: "tiltak", Norsk: "Tiltak", Width: 60},
	{Key: "status", Norsk: "Status", Width: 18}, {Key: "status_date", Norsk: "Statusdato", Width: 12},
	{Key: "status_text", Norsk: "Status i dokumentets ord", Width: 24}, {Key: "evidence", Norsk: "Status er lest fra", Width: 50},
	{Key: "commitments", Norsk: "Forpliktelser fulgt opp", Number: true, Width: 10},
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

// Files writes the commitment and tiltak lists as CSV and as workbooks; it
// is what the server's export endpoints and the command line use.
type Files struct{}

// csvOptions: semicolons come with Norwegian headers, as Norwegian Excel
// expects both; commas keep the stable English keys.
func csvOptions(semicolon bool) CSVOptions {
	if semicolon {
		return CSVOptions{Sep: ';', Norwegian: true}
	}
	return CSVOptions{}
}

// CommitmentsCSV writes commitments as CSV, with semicolons and Norwegian headers when asked.
func (Files) CommitmentsCSV(w io.Writer, views []corpus.CommitmentView, semicolon bool) error {
	return WriteCSV(w, Commitments(views), csvOptions(semicolon))
}

// TiltakCSV writes tiltak as CSV, with semicolons and Norwegian headers when asked.
func (Files) TiltakCSV(w io.Writer, views []corpus.TiltakView, semicolon bool) error {
	return WriteCSV(w, Tiltak(views), csvOptions(semicolon))
}

// CommitmentsXLSX writes commitments as an Excel workbook.
func (Files) CommitmentsXLSX(w io.Writer, views []corpus.CommitmentView) error {
	return WriteXLSX(w, Commitments(views))
}

// TiltakXLSX writes tiltak as an Excel workbook.
func (Files) TiltakXLSX(w io.Writer, views []corpus.TiltakView) error {
	return WriteXLSX(w, Tiltak(views))
}
