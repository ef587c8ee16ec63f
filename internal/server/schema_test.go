package server_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/server"
)

// schema is the subset of OpenAPI schema objects the answers are checked against.
type schema struct {
	Ref                  string             `json:"$ref"`
	Type                 string             `json:"type"`
	Required             []string           `json:"required"`
	Properties           map[string]*schema `json:"properties"`
	Items                *schema            `json:"items"`
	AllOf                []*schema          `json:"allOf"`
	Enum                 []any              `json:"enum"`
	AdditionalProperties json.RawMessage    `json:"additionalProperties"`
}

// conform reports where v departs from s: missing required fields, wrong
// JSON types, values outside an enum.
func conform(schemas map[string]*schema, s *schema, v any, at string) []string {
	if s.Ref != "" {
		return conform(schemas, schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")], v, at)
	}
	var errs []string
	for _, sub := range s.AllOf {
		errs = append(errs, conform(schemas, sub, v, at)...)
	}
	if len(s.Enum) > 0 && v != "" {
		ok := false
		for _, e := range s.Enum {
			ok = ok || e == v
		}
		if !ok {
			errs = append(errs, fmt.Sprintf("%s: %v is not in the enum", at, v))
		}
	}
	switch s.Type {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return append(errs, fmt.Sprintf("%s: %T, want object", at, v))
		}
		for _, r := range s.Required {
			if _, ok := m[r]; !ok {
				errs = append(errs, fmt.Sprintf("%s: required field %q missing", at, r))
			}
		}
		for k, p := range s.Properties {
			if val, ok := m[k]; ok && val != nil {
				errs = append(errs, conform(schemas, p, val, at+"."+k)...)
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			return append(errs, fmt.Sprintf("%s: %T, want array", at, v))
		}
		for i, x := range a {
			errs = append(errs, conform(schemas, s.Items, x, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "string":
		if _, ok := v.(string); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want string", at, v))
		}
	case "integer", "number":
		if _, ok := v.(float64); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want number", at, v))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want boolean", at, v))
		}
	}
	return errs
}

// TestAnswersMatchOpenAPI checks real answers over the seeds against the
// schemas the OpenAPI document promises.
func TestAnswersMatchOpenAPI(t *testing.T) {
	h := newServer(t, seededIndex(t), "", 0)
	var doc struct {
		Components struct {
			Schemas map[string]*schema `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(get(t, h, "/api/openapi.json", 200), &doc); err != nil {
		t.Fatal(err)
	}
	schemas := doc.Components.Schemas
	first := func(path, list string) string {
		var m map[string][]map[string]any
		json.Unmarshal(get(t, h, path, 200), &m)
		if len(m[list]) == 0 {
			t.Fatalf("%s lists no %s", path, list)
		}
		return url.PathEscape(m[list][0]["id"].(string))
	}
	docID := first("/api/documents", "documents")
	var d struct {
		Sections []struct{ ID string } `json:"sections"`
	}
	json.Unmarshal(get(t, h, "/api/documents/"+docID, 200), &d)

	tests := []struct {
		path   string
		status int
		schema string
	}{
		{"/api/health", 200, "Health"},
		{"/api/documents", 200, "DocumentList"},
		{"/api/documents/" + docID, 200, "Document"},
		{"/api/sections/" + d.Sections[0].ID, 200, "Section"},
		{"/api/search?q=regjeringen+vil&size=20", 200, "SearchResult"},
		{"/api/commitments", 200, "CommitmentList"},
		{"/api/commitments/" + first("/api/commitments", "commitments"), 200, "CommitmentView"},
		{"/api/tiltak", 200, "TiltakList"},
		{"/api/tiltak/" + first("/api/tiltak", "tiltak"), 200, "TiltakView"},
		{"/api/documents/none", 404, "Error"},
		{"/api/search?size=x", 400, "Error"},
	}
	for _, tt := range tests {
		t.Run(tt.schema+" "+tt.path, func(t *testing.T) {
			s, ok := schemas[tt.schema]
			if !ok {
				t.Fatalf("no schema %s", tt.schema)
			}
			var v any
			if err := json.Unmarshal(get(t, h, tt.path, tt.status), &v); err != nil {
				t.Fatal(err)
			}
			for _, e := range conform(schemas, s, v, tt.schema) {
				t.Error(e)
			}
		})
	}
	// The error schema is the one server.ErrorBody encodes.
	b, _ := json.Marshal(server.ErrorBody{Error: server.ErrorDetail{Code: "not_found", Message: "x"}})
	var v any
	json.Unmarshal(b, &v)
	for _, e := range conform(schemas, schemas["Error"], v, "ErrorBody") {
		t.Error(e)
	}
}
