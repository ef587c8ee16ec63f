package server_test

import (
	"bytes"
	"encoding/csv"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/strategispor/strategispor/internal/server"
)

// TestExports: the CSV and workbook exports of commitments and tiltak hold
// the same rows as the JSON lists, with semicolons and Norwegian headers on
// request.
func TestExports(t *testing.T) {
	h := newServer(t, seededIndex(t), "", 0)
	commitments := decode[server.CommitmentList](t, get(t, h, "/api/commitments?size=1", 200)).Total
	tiltak := decode[server.TiltakList](t, get(t, h, "/api/tiltak?size=1", 200)).Total

	for _, tc := range []struct {
		path, header string
		sep          rune
		rows         int
	}{
		{"/api/commitments.csv", "commitment_id", ',', commitments},
		{"/api/commitments.csv?sep=semicolon", "Forpliktelse-ID", ';', commitments},
		{"/api/tiltak.csv", "tiltak_id", ',', tiltak},
		{"/api/tiltak.csv?sep=semicolon&sort=status", "Tiltak-ID", ';', tiltak},
	} {
		t.Run(tc.path, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", tc.path, nil))
			if w.Code != 200 || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" || w.Header().Get("X-Total-Count") != strconv.Itoa(tc.rows) {
				t.Fatalf("%d %q, X-Total-Count %q", w.Code, w.Header().Get("Content-Type"), w.Header().Get("X-Total-Count"))
			}
			body := w.Body.Bytes()
			if !bytes.HasPrefix(body, []byte("\ufeff")) {
				t.Fatal("no UTF-8 byte order mark")
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff"))))
			r.Comma = tc.sep
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tc.rows+1 || rows[0][0] != tc.header {
				t.Errorf("%d rows, header %q; want %d and %q", len(rows), rows[0], tc.rows+1, tc.header)
			}
		})
	}
	for _, tc := range []struct {
		path, sheet, header string
		rows                int
	}{
		{"/api/commitments.xlsx", "forpliktelser", "Forpliktelse-ID", commitments},
		{"/api/tiltak.xlsx?status=" + strings.ReplaceAll("mindre forsinkelser", " ", "+"), "tiltak", "Tiltak-ID", 4},
	} {
		t.Run(tc.path, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", tc.path, nil))
			if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Disposition"), ".xlsx") {
				t.Fatalf("%d %q", w.Code, w.Header().Get("Content-Disposition"))
			}
			f, err := excelize.OpenReader(w.Body)
			if err != nil {
				t.Fatalf("the workbook does not open: %v", err)
			}
			defer f.Close()
			rows, err := f.GetRows(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tc.rows+1 || rows[0][0] != tc.header {
				t.Errorf("%d rows, header %q; want %d rows and %q", len(rows), rows[0], tc.rows+1, tc.header)
			}
		})
	}
	t.Run("unknown separator", func(t *testing.T) {
		e := decode[server.ErrorBody](t, get(t, h, "/api/tiltak.csv?sep=tab", 400))
		if e.Error.Message != `sep "tab" is not one of comma, semicolon` {
			t.Errorf("message %q", e.Error.Message)
		}
	})
}
