package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// do sends one request to h and checks the status.
func do(t *testing.T, h http.Handler, req *http.Request, want int) *http.Response {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	res := w.Result()
	if res.StatusCode != want {
		t.Errorf("%s %s: status %d, want %d; body %s", req.Method, req.URL, res.StatusCode, want, w.Body.String())
	}
	return res
}

func get(t *testing.T, h http.Handler, target string, want int) []byte {
	t.Helper()
	res := do(t, h, httptest.NewRequest(http.MethodGet, target, nil), want)
	b, _ := io.ReadAll(res.Body)
	return b
}

// testLogger routes log lines to t.Log.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
