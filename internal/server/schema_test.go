package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/strategispor/strategispor/index"
)

// composed are the object schemas that are parts of an allOf: OpenAPI 3.0
// has no unevaluatedProperties, so they cannot say additionalProperties:
// false without refusing each other's fields. undeclared covers them.
var composed = map[string]bool{"Commitment": true, "Tiltak": true,
	"CommitmentView": true, "LinkedCommitment": true, "TiltakView": true}

// spec is the served OpenAPI document, loaded and validated by kin-openapi.
type spec struct {
	doc    *openapi3.T
	router routers.Router
}

func loadSpec(t *testing.T, h http.Handler) spec {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(get(t, h, "/api/openapi.json", 200))
	if err != nil {
		t.Fatalf("loading openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return spec{doc: doc, router: router}
}

// check validates one answer against the operation and status it came from
// (types, required fields, null, enums, closed objects), then looks for
// fields the schemas do not declare.
func (s spec) check(req *http.Request, status int, header http.Header, body []byte) []string {
	route, params, err := s.router.FindRoute(req)
	if err != nil {
		return []string{fmt.Sprintf("%s %s: %v", req.Method, req.URL, err)}
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(body)
	var errs []string
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		errs = append(errs, err.Error())
	}
	resp := route.Operation.Responses.Status(status)
	if resp == nil || resp.Value == nil || resp.Value.Content.Get("application/json") == nil {
		return errs // the validator said so already
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return append(errs, fmt.Sprintf("decoding %s: %v", body, err))
	}
	return append(errs, undeclared(resp.Value.Content.Get("application/json").Schema.Value, v, "body")...)
}

// properties gathers the declared fields of s and of its allOf parts.
func properties(s *openapi3.Schema, into map[string]*openapi3.Schema) {
	for k, p := range s.Properties {
		into[k] = p.Value
	}
	for _, part := range s.AllOf {
		properties(part.Value, into)
	}
}

// undeclared lists the fields of v that s does not declare, at any depth.
func undeclared(s *openapi3.Schema, v any, at string) []string {
	var errs []string
	switch x := v.(type) {
	case map[string]any:
		props := map[string]*openapi3.Schema{}
		properties(s, props)
		for k, val := range x {
			switch p, ok := props[k]; {
			case ok:
				errs = append(errs, undeclared(p, val, at+"."+k)...)
			case s.AdditionalProperties.Schema != nil:
				errs = append(errs, undeclared(s.AdditionalProperties.Schema.Value, val, at+"."+k)...)
			default:
				errs = append(errs, fmt.Sprintf("%s.%s: field not declared in the schema", at, k))
			}
		}
	case []any:
		if s.Items != nil {
			for i, e := range x {
				errs = append(errs, undeclared(s.Items.Value, e, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	sort.Strings(errs)
	return errs
}

// firstID reads the id of the first element of list in the answer at path.
func firstID(t *testing.T, h http.Handler, path, list string, pick func(map[string]any) bool) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(get(t, h, path, 200), &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var entries []map[string]any
	if err := json.Unmarshal(m[list], &entries); err != nil {
		t.Fatalf("%s: %s: %v", path, list, err)
	}
	for _, e := range entries {
		if id, ok := e["id"].(string); ok && (pick == nil || pick(e)) {
			return url.PathEscape(id)
		}
	}
	t.Fatalf("%s lists no fitting %s", path, list)
	return ""
}

// linkedToTiltak picks a commitment whose best link is to a tiltak, so that
// the link's tiltak fields are in the answer.
func linkedToTiltak(c map[string]any) bool {
	links, _ := c["links"].([]any)
	if len(links) == 0 {
		return false
	}
	l, _ := links[0].(map[string]any)
	return l["target_type"] == "tiltak" && l["target_ref"] != nil && l["section_id"] != nil
}

// TestAnswersMatchOpenAPI checks real answers over the seeds, error answers
// and writes included, against the OpenAPI document the server serves.
func TestAnswersMatchOpenAPI(t *testing.T) {
	h := newServer(t, seededIndex(t), "", 0)
	s := loadSpec(t, h)

	docID := firstID(t, h, "/api/documents", "documents", nil)
	var d struct {
		Sections []struct{ ID string } `json:"sections"`
	}
	if err := json.Unmarshal(get(t, h, "/api/documents/"+docID, 200), &d); err != nil || len(d.Sections) == 0 {
		t.Fatalf("document %s: %d sections, %v", docID, len(d.Sections), err)
	}
	paths := []struct {
		path   string
		status int
	}{
		{"/api/health", 200},
		{"/api/documents", 200},
		{"/api/documents/" + docID, 200},
		{"/api/sections/" + url.PathEscape(d.Sections[0].ID), 200},
		{"/api/search?q=regjeringen+vil&size=20", 200},
		{"/api/search?q=digitaliseringstrategi", 200}, // a typo: suggestion and fuzzy
		{"/api/search?q=deling+av+data&type=strategi&org=Digdir", 200},
		{"/api/commitments", 200},
		{"/api/commitments?unlinked=true", 200},
		{"/api/commitments/" + firstID(t, h, "/api/commitments", "commitments", linkedToTiltak), 200},
		{"/api/tiltak", 200},
		{"/api/tiltak/" + firstID(t, h, "/api/tiltak", "tiltak", nil), 200},
		{"/api/documents/none", 404},
		{"/api/commitments/none", 404},
		{"/api/search?size=x", 400},
		{"/api/search?q=%22unclosed", 400},
	}
	for _, tt := range paths {
		t.Run(tt.path, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tt.path, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			for _, e := range s.check(req, rec.Code, rec.Header(), rec.Body.Bytes()) {
				t.Error(e)
			}
		})
	}

	t.Run("writes", func(t *testing.T) {
		ix, err := index.OpenMemory(index.Options{Analysis: seededIndex(t).Analysis()})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		w := newServer(t, ix, testToken, 1<<20)
		text := []byte("Strategi\n\n1 Innledning\n\nRegjeringen vil dele data.\n")
		var id string // of the uploaded document, for the deletes
		steps := []struct {
			name   string
			req    func() *http.Request
			status int
		}{
			{"upload", func() *http.Request { return uploadRequest(t, "a.txt", text, testToken, false) }, 201},
			{"upload again", func() *http.Request { return uploadRequest(t, "a.txt", text, testToken, false) }, 200},
			{"upload without token", func() *http.Request { return uploadRequest(t, "a.txt", text, "", false) }, 401},
			{"delete", func() *http.Request { return deleteRequest(id, testToken) }, 200},
			{"delete again", func() *http.Request { return deleteRequest(id, testToken) }, 404},
		}
		for _, st := range steps {
			rec := httptest.NewRecorder()
			req := st.req()
			w.ServeHTTP(rec, req)
			if id == "" {
				var res struct {
					DocumentID string `json:"document_id"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || res.DocumentID == "" {
					t.Fatalf("upload answered %s (%v)", rec.Body, err)
				}
				id = url.PathEscape(res.DocumentID)
			}
			if rec.Code != st.status {
				t.Errorf("%s: status %d, want %d: %s", st.name, rec.Code, st.status, rec.Body)
				continue
			}
			for _, e := range s.check(req, rec.Code, rec.Header(), rec.Body.Bytes()) {
				t.Errorf("%s: %s", st.name, e)
			}
		}
	})
}

func deleteRequest(id, token string) *http.Request {
	req := httptest.NewRequest(http.MethodDelete, "/api/documents/"+id, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

// TestSchemasAreClosed holds the OpenAPI document to declaring every field:
// each object schema with properties says additionalProperties: false, but
// for the allOf parts (composed), whose fields the answers test checks.
func TestSchemasAreClosed(t *testing.T) {
	s := loadSpec(t, newServer(t, seededIndex(t), "", 0))
	var open []string
	var walk func(name string, sc *openapi3.Schema)
	walk = func(name string, sc *openapi3.Schema) {
		if len(sc.Properties) > 0 && !composed[name] && (sc.AdditionalProperties.Has == nil || *sc.AdditionalProperties.Has) {
			open = append(open, name)
		}
		for k, p := range sc.Properties {
			if p.Ref == "" {
				walk(name+"."+k, p.Value)
			}
		}
	}
	for name, sc := range s.doc.Components.Schemas {
		walk(name, sc.Value)
	}
	sort.Strings(open)
	if len(open) > 0 {
		t.Errorf("object schemas without additionalProperties: false: %s", strings.Join(open, ", "))
	}
}

// TestCheckFindsDepartures makes sure the check fails where it should: an
// undeclared field, a null where the schema wants a list, a value outside
// an enum, a status the operation does not declare.
func TestCheckFindsDepartures(t *testing.T) {
	h := newServer(t, seededIndex(t), "", 0)
	s := loadSpec(t, h)
	req := httptest.NewRequest(http.MethodGet, "/api/search?q=regjeringen", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body := rec.Body.Bytes()
	if errs := s.check(req, rec.Code, rec.Header(), body); len(errs) > 0 {
		t.Fatalf("the real answer does not pass: %q", errs)
	}
	tests := []struct {
		name   string
		status int
		body   []byte
		want   string
	}{
		{"extra field at the top", 200, bytes.Replace(body, []byte(`{"total"`), []byte(`{"extra":1,"total"`), 1), "extra"},
		{"extra field in a hit", 200, bytes.Replace(body, []byte(`"snippet"`), []byte(`"secret":"x","snippet"`), 1), "secret"},
		{"null list", 200, bytes.Replace(body, []byte(`"path":[`), []byte(`"path":null,"x":[`), 1), "null"},
		{"value outside an enum", 200, bytes.Replace(body, []byte(`"doc_type":"`), []byte(`"doc_type":"x`), 1), "doc_type"},
		{"undeclared status", 418, body, "status is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if bytes.Equal(tt.body, body) && tt.status == 200 {
				t.Fatal("the edit did not apply")
			}
			errs := strings.Join(s.check(req, tt.status, rec.Header(), tt.body), "\n")
			if !strings.Contains(errs, tt.want) {
				t.Errorf("check found %q, want something about %q", errs, tt.want)
			}
		})
	}
}
