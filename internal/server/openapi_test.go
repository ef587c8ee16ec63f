package server_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/server"
)

// openAPIDoc is the part of the served document this test reads.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components map[string]map[string]json.RawMessage `json:"components"`
}

func TestOpenAPICoversEveryRoute(t *testing.T) {
	s, err := server.New(server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw := get(t, s.Handler(), "/api/openapi.json", 200)
	var doc openAPIDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0.") {
		t.Errorf("openapi = %q, want 3.0.x", doc.OpenAPI)
	}
	param := regexp.MustCompile(`:([A-Za-z_]+)`)
	routes := s.Routes()
	if len(routes) < 12 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	seen := map[string]bool{}
	for _, r := range routes {
		p := param.ReplaceAllString(r.Path, "{$1}")
		m := strings.ToLower(r.Method)
		seen[p+" "+m] = true
		if _, ok := doc.Paths[p][m]; !ok {
			t.Errorf("route %s %s is missing from openapi.json (as %s %s)", r.Method, r.Path, m, p)
		}
	}
	for p, ops := range doc.Paths {
		for m := range ops {
			if m != "parameters" && !seen[p+" "+m] {
				t.Errorf("openapi.json documents %s %s, which is not a route", m, p)
			}
		}
	}
}

func TestOpenAPIRefsResolve(t *testing.T) {
	s, err := server.New(server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw := get(t, s.Handler(), "/api/openapi.json", 200)
	var doc openAPIDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`"\$ref":\s*"#/components/([A-Za-z]+)/([A-Za-z]+)"`).FindAllStringSubmatch(string(raw), -1)
	if len(refs) == 0 {
		t.Fatal("no $refs found")
	}
	for _, r := range refs {
		if _, ok := doc.Components[r[1]][r[2]]; !ok {
			t.Errorf("$ref #/components/%s/%s does not resolve", r[1], r[2])
		}
	}
}
