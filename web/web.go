// Package web holds strategispor's browser interface: static HTML, CSS and
// JavaScript modules embedded in the binary, served by Handler. The UI talks
// to the JSON API under /api and routes in the browser, so every path that is
// not a static file gets index.html.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var static embed.FS

// asset is one embedded file with a strong ETag computed once.
type asset struct {
	body []byte
	etag string
}

// Handler serves the embedded UI. Existing files are served with an ETag;
// paths under /assets/ or with a file extension that do not exist are 404;
// every other path gets index.html so that deep links like
// /dokument/{id} or /forpliktelser/{id} load the single-page app.
func Handler() http.Handler {
	files := make(map[string]asset)
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic("web: embedded static folder missing: " + err.Error()) // cannot happen: fixed at build time
	}
	_ = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		files["/"+p] = asset{body: b, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		return nil
	})
	return &handler{files: files}
}

type handler struct {
	files map[string]asset
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	if p == "/index.html" {
		// One canonical address for the start page.
		http.Redirect(w, r, "/", http.StatusMovedPermanently)
		return
	}
	name := p
	a, ok := h.files[name]
	if !ok {
		if strings.HasPrefix(p, "/assets/") || path.Ext(p) != "" {
			http.NotFound(w, r)
			return
		}
		name = "/index.html"
		a = h.files[name]
	}
	// Assets have stable names, so browsers must revalidate; the ETag keeps
	// that to a 304.
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", a.etag)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
}
