package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/export"
	"github.com/strategispor/strategispor/internal/server"
)

// TestTiltakCommand: the tiltak command lists, filters and counts the
// tiltak of an ingested plan as a table, JSON and CSV.
func TestTiltakCommand(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := filepath.Join(t.TempDir(), "inn")
	writeFile(t, filepath.Join(dir, "strategi.txt"), strategyText)
	writeFile(t, filepath.Join(dir, "handlingsplan.md"), planMarkdown+
		"\n## Tiltak 2 Felles innlogging\n\nTiltak 2 Innføre felles innlogging for kommunale tjenester.\n\nStatus: forsinket\n")
	if _, _, code := cli(t, "ingest", "--data", data, dir); code != 0 {
		t.Fatalf("ingest: exit %d", code)
	}

	out, _, code := cli(t, "tiltak", "--data", data, "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var l server.TiltakList
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	if l.Total != 2 || len(l.Tiltak) != 2 || l.StatusCounts[corpus.StatusPaPlan] != 1 || l.StatusCounts[corpus.StatusForsinket] != 1 {
		t.Fatalf("total %d, counts %v", l.Total, l.StatusCounts)
	}

	t.Run("table with counts", func(t *testing.T) {
		out, _, code := cli(t, "tiltak", "--data", data)
		if code != 0 || !strings.Contains(out, "2 tiltak: 1 på plan, 1 forsinket") || !strings.Contains(out, "1 Tjenestekatalog") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("status filter", func(t *testing.T) {
		out, _, code := cli(t, "tiltak", "--data", data, "--status", "Forsinket")
		if code != 0 || !strings.Contains(out, "1 tiltak: 1 forsinket") || strings.Contains(out, "Tjenestekatalog") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("query", func(t *testing.T) {
		out, _, code := cli(t, "tiltak", "--data", data, "--query", "innlogging")
		if code != 0 || !strings.Contains(out, "1 tiltak") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("unknown status", func(t *testing.T) {
		_, stderr, code := cli(t, "tiltak", "--data", data, "--status", "rushing")
		if code != 2 || !strings.Contains(stderr, `"på plan"`) {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("csv", func(t *testing.T) {
		out, _, code := cli(t, "tiltak", "--data", data, "--csv", "--document", l.Tiltak[0].DocumentID)
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix([]byte(out), []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(export.TiltakHeader, ",") || rows[1][7] != "på plan" {
			t.Errorf("rows %q", rows)
		}
	})
	t.Run("csv with semicolons", func(t *testing.T) {
		out, _, code := cli(t, "tiltak", "--data", data, "--csv", "--csv-sep", ";")
		if code != 0 || !strings.HasPrefix(out, "\ufeffTiltak-ID;Nummer;") {
			t.Errorf("exit %d: %.80q", code, out)
		}
		out, _, code = cli(t, "commitments", "--data", data, "--csv", "--csv-sep", ";")
		if code != 0 || !strings.HasPrefix(out, "\ufeffForpliktelse-ID;Form;") {
			t.Errorf("exit %d: %.80q", code, out)
		}
		if _, stderr, code := cli(t, "tiltak", "--data", data, "--csv", "--csv-sep", "|"); code != 2 || !strings.Contains(stderr, `--csv-sep "|"`) {
			t.Errorf("--csv-sep |: exit %d %s", code, stderr)
		}
	})
	t.Run("xlsx", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tiltak.xlsx")
		out, _, code := cli(t, "tiltak", "--data", data, "--xlsx", path)
		if code != 0 || !strings.Contains(out, "wrote 2 tiltak to") {
			t.Fatalf("exit %d: %s", code, out)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("tiltak")
		if err != nil || len(rows) != 3 || rows[0][0] != "Tiltak-ID" {
			t.Errorf("rows %q, %v", rows, err)
		}
		if _, _, code := cli(t, "commitments", "--data", data, "--csv", "--xlsx", path); code != 2 {
			t.Errorf("--csv with --xlsx: exit %d, want 2", code)
		}
	})
}

// TestRemoteIngestStopsAtRefusal: a server that refuses the token, or takes
// no writes at all, stops a remote ingest at the first file with one
// message, instead of failing every file the same way.
func TestRemoteIngestStopsAtRefusal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "inn")
	for _, n := range []string{"a", "b", "c"} {
		writeFile(t, filepath.Join(dir, n+".txt"), strings.ReplaceAll(strategyText, "samordnet", "samordnet "+n))
	}
	for _, tc := range []struct {
		name, serverToken, clientToken, want string
	}{
		{"wrong token", "right-token-0123456789", "wrong-token-0123456789", "the server wants its token"},
		{"writes disabled", "", "some-token-0123456789", "started without a token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "data")
			t.Setenv(envToken, tc.serverToken)
			_, stop := startServe(t, data, "--no-seeds")
			defer stop()
			t.Setenv(envToken, tc.clientToken)
			out, stderr, code := cli(t, "ingest", "--data", data, "--server", "auto", dir)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			all := out + stderr
			if strings.Count(all, tc.want) != 1 || !strings.Contains(all, "1 of 3 files") {
				t.Errorf("want %q once and \"1 of 3 files\":\n%s", tc.want, all)
			}
			if n := strings.Count(all, "unauthorized") + strings.Count(all, "writes are disabled"); n > 1 {
				t.Errorf("the refusal is said %d times:\n%s", n, all)
			}
		})
	}
}

// TestIngestSourceURL: --source-url is kept for one file and refused for a
// folder or a URL that is not http(s).
func TestIngestSourceURL(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := filepath.Join(t.TempDir(), "inn")
	file := filepath.Join(dir, "strategi.txt")
	writeFile(t, file, strategyText)
	const u = "https://www.regjeringen.no/no/dokumenter/strategi/id1/"
	if _, _, code := cli(t, "ingest", "--data", data, "--source-url", u, file); code != 0 {
		t.Fatalf("exit %d", code)
	}
	out, _, _ := cli(t, "documents", "--data", data, "--json")
	var l server.DocumentList
	if err := json.Unmarshal([]byte(out), &l); err != nil || len(l.Documents) != 1 || l.Documents[0].SourceURL != u {
		t.Errorf("documents %+v, %v", l.Documents, err)
	}
	for _, tc := range []struct{ args []string }{
		{[]string{"--source-url", u, dir}},
		{[]string{"--source-url", "regjeringen.no/x", file}},
	} {
		_, stderr, code := cli(t, append([]string{"ingest", "--data", data}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, "--source-url") {
			t.Errorf("%q: exit %d: %s", tc.args, code, stderr)
		}
	}
}
