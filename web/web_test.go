package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, method, path string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHandler(t *testing.T) {
	h := Handler()
	index, err := static.ReadFile("static/index.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, path string
		status             int
		contentType        string
		isIndex            bool
	}{
		{"start page", "GET", "/", 200, "text/html", true},
		{"search with query", "GET", "/?q=regelverk&type=strategi", 200, "text/html", true},
		{"document deep link", "GET", "/dokument/003-5de24772d35db489-1a2b3c4d", 200, "text/html", true},
		{"commitment deep link", "GET", "/forpliktelser/abc-123", 200, "text/html", true},
		{"tiltak list", "GET", "/tiltak", 200, "text/html", true},
		{"upload page", "GET", "/last-opp", 200, "text/html", true},
		{"unknown route is the app's job", "GET", "/finnes/ikke", 200, "text/html", true},
		{"head", "HEAD", "/forpliktelser", 200, "text/html", false},
		{"script", "GET", "/assets/app.js", 200, "text/javascript", false},
		{"view module", "GET", "/assets/views/search.js", 200, "text/javascript", false},
		{"stylesheet", "GET", "/assets/style.css", 200, "text/css", false},
		{"icon", "GET", "/assets/favicon.svg", 200, "image/svg+xml", false},
		{"missing asset", "GET", "/assets/nope.js", 404, "", false},
		{"missing file with extension", "GET", "/favicon.ico", 404, "", false},
		{"path traversal", "GET", "/assets/../../web.go", 404, "", false},
		{"post", "POST", "/", 405, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := get(t, h, tc.method, tc.path, nil)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			if tc.contentType != "" && !strings.HasPrefix(res.Header.Get("Content-Type"), tc.contentType) {
				t.Errorf("Content-Type %q, want %s", res.Header.Get("Content-Type"), tc.contentType)
			}
			if tc.isIndex && body(t, res) != string(index) {
				t.Error("body is not index.html")
			}
		})
	}
}

func TestHandlerRevalidates(t *testing.T) {
	h := Handler()
	res := get(t, h, "GET", "/assets/app.js", nil)
	etag := res.Header.Get("ETag")
	if etag == "" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, res.Header.Get("Cache-Control"))
	}
	again := get(t, h, "GET", "/assets/app.js", map[string]string{"If-None-Match": etag})
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d, want 304", again.StatusCode)
	}
	if other := get(t, h, "GET", "/assets/style.css", nil).Header.Get("ETag"); other == etag {
		t.Error("two files share an ETag")
	}
}

func TestIndexRedirects(t *testing.T) {
	res := get(t, Handler(), "GET", "/index.html", nil)
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/" {
		t.Errorf("got %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
}

// The server's Content-Security-Policy forbids inline scripts, inline styles
// and anything from other origins; these checks keep the static files
// within it so that the browser never blocks part of the UI.
func TestStaticFilesFitTheCSP(t *testing.T) {
	inlineScript := regexp.MustCompile(`(?is)<script[^>]*>\s*[^<\s]`)
	eventAttr := regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	external := regexp.MustCompile(`(?i)(?:src|href)\s*=\s*["']?(?:https?:)?//`)
	err := filepath.WalkDir("static", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := string(b)
		switch filepath.Ext(p) {
		case ".html":
			if inlineScript.MatchString(s) {
				t.Errorf("%s has an inline script", p)
			}
			if strings.Contains(s, "<style") || strings.Contains(s, "style=") {
				t.Errorf("%s has an inline style", p)
			}
			if eventAttr.MatchString(s) {
				t.Errorf("%s has an inline event handler", p)
			}
			if external.MatchString(s) {
				t.Errorf("%s loads something from another origin", p)
			}
			if !strings.Contains(s, `<html lang="nb">`) {
				t.Errorf("%s does not declare lang=\"nb\"", p)
			}
		case ".js":
			for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", ".style.", "setAttribute('style'", "http://", "https://"} {
				if strings.Contains(s, bad) {
					t.Errorf("%s uses %s", p, bad)
				}
			}
		case ".css":
			if strings.Contains(s, "@import") || strings.Contains(s, "url(http") {
				t.Errorf("%s loads something from another origin", p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
