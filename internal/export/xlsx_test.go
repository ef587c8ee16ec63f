package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/strategispor/strategispor/internal/corpus"
)

func sampleTiltak() []corpus.TiltakView {
	return []corpus.TiltakView{
		{
			Tiltak: corpus.Tiltak{ID: "plan-t1", Ref: "7.1", Kind: corpus.TiltakNumbered, DocumentID: "plan",
				Text: "Utarbeide felles prinsipper for samarbeid med privat sektor", Status: corpus.StatusIkkeStartet,
				StatusText: "Ikke startet", Evidence: "Tiltaket er ikke startet."},
			DocumentTitle: "Handlingsplanen – status", StatusDate: "2023-03-01", Innsatsomraade: "Styrket samarbeid med privat sektor",
			Commitments: []corpus.LinkedCommitment{{}, {}},
		},
		{Tiltak: corpus.Tiltak{ID: "plan-t2", Kind: corpus.TiltakListItem, DocumentID: "plan", Text: "=HYPERLINK(\"x\")"}},
	}
}

// TestSemicolonCSV: the semicolon option gives Norwegian headers, ';' between
// fields, a BOM, and fields with ';' quoted.
func TestSemicolonCSV(t *testing.T) {
	views := sampleViews()
	views[0].Text = "Regjeringen vil styrke samarbeidet; også med kommunene"
	var buf bytes.Buffer
	if err := (Files{}).CommitmentsCSV(&buf, views, true); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if !bytes.HasPrefix(out, []byte(bom)) {
		t.Fatal("no byte order mark")
	}
	if !strings.HasPrefix(string(out[len(bom):]), "Forpliktelse-ID;Form;Dokument;Kapittel;Forpliktelse;") {
		t.Errorf("header %q", strings.SplitN(string(out), "\r\n", 2)[0])
	}
	r := csv.NewReader(bytes.NewReader(out[len(bom):]))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1][4] != views[0].Text || rows[1][11] != "0.852" {
		t.Errorf("rows %q", rows[:2])
	}
	var tb bytes.Buffer
	if err := (Files{}).TiltakCSV(&tb, sampleTiltak(), true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tb.String(), "Tiltak-ID;Nummer;Form;Dokument;Dokument-ID;Innsatsområde;Tiltak;Status;Statusdato;") ||
		!strings.Contains(tb.String(), "ikke startet;2023-03-01;") || !strings.Contains(tb.String(), `'=HYPERLINK`) {
		t.Errorf("tiltak csv:\n%s", tb.String())
	}
}

// TestXLSX: the workbooks open with excelize and hold the rows, Norwegian
// headers, numbers as numbers and formulas as text.
func TestXLSX(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
		sheet string
		rows  int
		check func(t *testing.T, f *excelize.File)
	}{
		{"commitments", func(b *bytes.Buffer) error { return (Files{}).CommitmentsXLSX(b, sampleViews()) }, "forpliktelser", 3,
			func(t *testing.T, f *excelize.File) {
				if v, _ := f.GetCellValue("forpliktelser", "E3"); !strings.HasPrefix(v, "-delta aktivt") {
					t.Errorf("E3 = %q", v)
				}
				// A number cell has no type attribute (unset) or type n; text is a shared or inline string.
				typ, _ := f.GetCellType("forpliktelser", "L2")
				if v, _ := f.GetCellValue("forpliktelser", "L2"); v != "0.852" || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
					t.Errorf("score cell %q of type %v, want the number 0.852", v, typ)
				}
				if typ, _ := f.GetCellType("forpliktelser", "A2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("id cell type %v, want text", typ)
				}
			}},
		{"tiltak", func(b *bytes.Buffer) error { return (Files{}).TiltakXLSX(b, sampleTiltak()) }, "tiltak", 3,
			func(t *testing.T, f *excelize.File) {
				if v, _ := f.GetCellValue("tiltak", "F2"); v != "Styrket samarbeid med privat sektor" {
					t.Errorf("innsatsområde F2 = %q", v)
				}
				if v, _ := f.GetCellFormula("tiltak", "G3"); v != "" {
					t.Errorf("G3 holds a formula %q", v)
				}
				if v, _ := f.GetCellValue("tiltak", "G3"); v != `=HYPERLINK("x")` {
					t.Errorf("G3 = %q, want the text", v)
				}
				if v, _ := f.GetCellValue("tiltak", "L2"); v != "2" {
					t.Errorf("commitments L2 = %q", v)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatalf("the workbook does not open: %v", err)
			}
			defer f.Close()
			if got := f.GetSheetList(); len(got) != 1 || got[0] != tc.sheet {
				t.Fatalf("sheets %v", got)
			}
			rows, err := f.GetRows(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tc.rows {
				t.Fatalf("%d rows, want %d", len(rows), tc.rows)
			}
			if rows[0][0] != Tiltak(nil).Columns[0].Norsk && rows[0][0] != Commitments(nil).Columns[0].Norsk {
				t.Errorf("header %q", rows[0])
			}
			if panes, err := f.GetPanes(tc.sheet); err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("header row not frozen: %+v %v", panes, err)
			}
			tc.check(t, f)
		})
	}
}
