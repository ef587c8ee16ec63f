package server_test

import (
	"net/http/httptest"
	"testing"

	"github.com/strategispor/strategispor/internal/server"
)

func TestHostCheck(t *testing.T) {
	ix := seededIndex(t)
	s := wired(t, ix, server.Options{
		AllowedHosts: []string{"localhost", "127.0.0.1", "::1", "127.0.0.1:8080", "Strategi.Example.NO"},
	})
	h := s.Handler()
	tests := []struct {
		host string
		want int
	}{
		{"127.0.0.1:8080", 200},
		{"127.0.0.1", 200},
		{"localhost:12345", 200},
		{"LOCALHOST.", 200},
		{"[::1]:8080", 200},
		{"strategi.example.no", 200},
		{"strategi.example.no:443", 200},
		{"evil.example", 421},
		{"evil.example:8080", 421},
		{"127.0.0.1.evil.example", 421},
		{"localhost.evil.example", 421},
		{"", 421},
	}
	for _, tt := range tests {
		for _, path := range []string{"/api/documents", "/", "/api/finnes-ikke"} {
			t.Run(tt.host+path, func(t *testing.T) {
				req := httptest.NewRequest("GET", path, nil)
				req.Host = tt.host
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if tt.want == 200 {
					if w.Code == 421 {
						t.Errorf("allowed host %q answered 421", tt.host)
					}
					return
				}
				if w.Code != tt.want {
					t.Fatalf("status %d, want %d: %.200s", w.Code, tt.want, w.Body.String())
				}
				wantError(t, w.Body.Bytes(), "host_not_allowed")
				if w.Header().Get("Content-Security-Policy") == "" {
					t.Error("the refusal has no security headers")
				}
			})
		}
	}
}
