package export

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sampleViews() []corpus.CommitmentView {
	return []corpus.CommitmentView{
		{
			Commitment: corpus.Commitment{
				ID: "strategi-c1", Kind: corpus.KindProse, DocumentID: "strategi",
				Text:    "Regjeringen vil identifisere nye områder for samarbeid om digitalisering mellom offentlig, privat og frivillig sektor.",
				Context: corpus.Context{Path: []string{"Forsterke styring og samordning i offentlig sektor"}},
			},
			DocumentTitle: "Fremtidens digitale Norge",
			BestStatus:    corpus.StatusIkkeStartet,
			Links: []corpus.Link{
				{
					TargetType: corpus.TargetTiltak, TargetID: "status-t1", DocumentID: "status", DocumentTitle: "Handlingsplanen – status",
					TargetText: "Tiltak 7.1 Utarbeide felles prinsipper for samarbeid med privat sektor", TargetRef: "7.1", Status: corpus.StatusIkkeStartet, Score: 0.8521,
					Reasons: []corpus.Reason{
						{Kind: "shared_terms", Detail: "Felles ord: privat, samarbeid, sektor", Weight: 0.6},
						{Kind: "shared_heading", Detail: "Overskriften «Styrket samarbeid med privat sektor» går igjen i forpliktelsen", Weight: 0.17},
						{Kind: StatusReason, Detail: "er ikke startet"},
					},
				},
				{
					TargetType: corpus.TargetSection, TargetID: "status-s7", DocumentID: "status", DocumentTitle: "Handlingsplanen – status",
					TargetText: "Styrket samarbeid med privat sektor: Samarbeid med privat sektor på digitaliseringsområdet skal styrkes", Score: 0.5,
				},
			},
		},
		{
			Commitment: corpus.Commitment{
				ID: "strategi-c2", Kind: corpus.KindBullet, DocumentID: "strategi",
				Text:    "-delta aktivt i utformingen av \"EUs\" fremtidige\nlangtidsprogrammer, på digitaliseringsområdet",
				Context: corpus.Context{LeadIn: "Regjeringen vil"},
			},
			Links: []corpus.Link{},
		},
	}
}

func TestCommitmentsCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := CommitmentsCSV(&buf, sampleViews()); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()

	golden := filepath.Join("testdata", "commitments.csv")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("output differs from %s (run with -update if intended):\n%s", golden, out)
	}

	t.Run("utf-8 with BOM", func(t *testing.T) {
		if !bytes.HasPrefix(out, []byte{0xEF, 0xBB, 0xBF}) {
			t.Errorf("no UTF-8 byte order mark: % x", out[:3])
		}
	})
	t.Run("CRLF records", func(t *testing.T) {
		if !bytes.Contains(out, []byte("status_summary\r\n")) {
			t.Error("header not ended by CRLF")
		}
	})
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, []byte(bom)))).ReadAll()
	if err != nil {
		t.Fatalf("output is not valid CSV: %v", err)
	}
	t.Run("round trip", func(t *testing.T) {
		if len(rows) != 3 {
			t.Fatalf("got %d rows, want header + 2", len(rows))
		}
		if strings.Join(rows[0], ",") != strings.Join(Header, ",") {
			t.Errorf("header = %q", rows[0])
		}
		r := rows[1]
		col := func(name string) string {
			for i, h := range Header {
				if h == name {
					return r[i]
				}
			}
			t.Fatalf("no column %s", name)
			return ""
		}
		checks := map[string]string{
			"commitment_id": "strategi-c1", "kind": "prose", "document": "Fremtidens digitale Norge",
			"best_link_type": "tiltak", "status": "ikke startet", "status_text": "er ikke startet", "score": "0.852",
			"chapter": "Forsterke styring og samordning i offentlig sektor",
		}
		for k, v := range checks {
			if got := col(k); got != v {
				t.Errorf("%s = %q, want %q", k, got, v)
			}
		}
		if !strings.Contains(col("reasons"), "Felles ord: privat, samarbeid, sektor (0.60)") || strings.Contains(col("reasons"), "er ikke startet") {
			t.Errorf("reasons = %q", col("reasons"))
		}
		if !strings.Contains(col("other_links"), "section: Handlingsplanen – status – Styrket samarbeid") {
			t.Errorf("other_links = %q", col("other_links"))
		}
	})
	t.Run("quotes, newlines and formulas", func(t *testing.T) {
		r := rows[2]
		if r[4] != "'-delta aktivt i utformingen av \"EUs\" fremtidige\nlangtidsprogrammer, på digitaliseringsområdet" {
			t.Errorf("commitment = %q", r[4])
		}
		if r[2] != "strategi" {
			t.Errorf("document falls back to id: %q", r[2])
		}
		for i := 5; i < len(r); i++ {
			if r[i] != "" {
				t.Errorf("unlinked commitment has %s = %q", Header[i], r[i])
			}
		}
	})
}

func TestCommitmentsCSVEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := CommitmentsCSV(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), bom+strings.Join(Header, ",")+"\r\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, os.ErrClosed
	}
	f.n--
	return len(p), nil
}

func TestCommitmentsCSVWriteError(t *testing.T) {
	for _, n := range []int{0, 1} {
		if err := CommitmentsCSV(&failWriter{n: n}, sampleViews()); err == nil {
			t.Errorf("writer failing after %d writes: no error", n)
		}
	}
}
