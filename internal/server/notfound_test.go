package server_test

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/server"
)

// TestNotFoundNamesIDOnce checks that a 404 message names the missing id once,
// not once per layer that saw it.
func TestNotFoundNamesIDOnce(t *testing.T) {
	h := newServer(t, seededIndex(t), "", 0)
	for _, target := range []string{"/api/documents/", "/api/sections/", "/api/commitments/", "/api/tiltak/"} {
		t.Run(target, func(t *testing.T) {
			const id = "xyz-missing"
			res := do(t, h, httptest.NewRequest("GET", target+id, nil), 404)
			b, _ := io.ReadAll(res.Body)
			msg := decode[server.ErrorBody](t, b).Error.Message
			if n := strings.Count(msg, id); n != 1 {
				t.Errorf("message %q names %q %d times, want once", msg, id, n)
			}
		})
	}
}
