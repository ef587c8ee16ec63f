package server_test

import (
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/server"
)

// TestErrorsSayItOnce: the file name, the operation and the id appear once
// in an error message.
func TestErrorsSayItOnce(t *testing.T) {
	ix, err := newSeededIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	h := newServer(t, ix, testToken, 0)
	once := func(t *testing.T, msg string, words ...string) {
		t.Helper()
		for _, w := range words {
			if n := len(regexp.MustCompile(regexp.QuoteMeta(w)).FindAllString(msg, -1)); n != 1 {
				t.Errorf("%q appears %d times in %q", w, n, msg)
			}
		}
	}
	for _, name := range []string{"x.docx", "x.pdf", "x.html"} {
		res := do(t, h, uploadRequest(t, name, []byte("PK\x03\x04 not really"), testToken, false), 422)
		e := decode[server.ErrorBody](t, mustRead(res.Body))
		once(t, e.Error.Message, name, "ingesting")
	}
	req := httptest.NewRequest("DELETE", "/api/documents/finnes-ikke", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	e := decode[server.ErrorBody](t, mustRead(do(t, h, req, 404).Body))
	once(t, e.Error.Message, "finnes-ikke")
	if strings.Count(e.Error.Message, "deleting") > 1 {
		t.Errorf("message %q repeats the operation", e.Error.Message)
	}
}
