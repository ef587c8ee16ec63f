// Package archtest holds the tests that keep the import rule of the
// architecture: domain types depend on nothing, ingest and index never import
// each other, and the server sees only interfaces it declares itself.
package archtest

import (
	"github.com/strategispor/strategispor/internal/testutil"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/strategispor/strategispor"

// rule says which module packages a package (and its subpackages) must not import,
// and whether it may import anything outside the standard library.
type rule struct {
	pkg        string   // module-relative path prefix
	forbidden  []string // module-relative path prefixes it must not import
	stdlibOnly bool     // no third-party imports at all
	allowExtra []string // third-party prefixes allowed despite stdlibOnly
}

var rules = []rule{
	{pkg: "internal/corpus", stdlibOnly: true, allowExtra: []string{"golang.org/x/text/"},
		forbidden: []string{""}},
	{pkg: "ingest", forbidden: []string{"index", "internal/server", "internal/batch", "cmd"}},
	{pkg: "index", forbidden: []string{"ingest", "internal/server", "internal/batch", "cmd"}},
	{pkg: "internal/server", forbidden: []string{"ingest", "index", "internal/batch", "cmd", "seeds"}},
	{pkg: "web", stdlibOnly: true, forbidden: []string{""}},
	{pkg: "seeds", stdlibOnly: true, forbidden: []string{""}},
}

func TestImportRule(t *testing.T) {
	root := testutil.RepoRoot(t)
	imports := map[string][]string{} // module-relative package dir → imports of its non-test files
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			imports[rel] = append(imports[rel], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) == 0 {
		t.Fatal("found no Go packages under the repository root")
	}
	for dir, imps := range imports {
		for _, r := range rules {
			if dir != r.pkg && !strings.HasPrefix(dir, r.pkg+"/") {
				continue
			}
			for _, imp := range imps {
				if msg := r.violation(dir, imp); msg != "" {
					t.Errorf("%s imports %s: %s", dir, imp, msg)
				}
			}
		}
	}
}

func (r rule) violation(dir, imp string) string {
	if strings.HasPrefix(imp, module+"/") || imp == module {
		target := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
		if target == dir || strings.HasPrefix(target, r.pkg+"/") || target == r.pkg {
			return "" // its own subpackages
		}
		for _, f := range r.forbidden {
			if f == "" || target == f || strings.HasPrefix(target, f+"/") {
				return "forbidden by the import rule for " + r.pkg
			}
		}
		return ""
	}
	if !r.stdlibOnly || isStdlib(imp) {
		return ""
	}
	for _, a := range r.allowExtra {
		if strings.HasPrefix(imp, a) {
			return ""
		}
	}
	return r.pkg + " may import only the standard library"
}

// isStdlib reports whether an import path belongs to the standard library:
// its first element has no dot.
func isStdlib(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

func TestRuleCatchesViolations(t *testing.T) {
	tests := []struct {
		name string
		r    rule
		dir  string
		imp  string
		bad  bool
	}{
		{"ingest importing index", rules[1], "ingest/pdftext", module + "/index", true},
		{"index importing ingest subpackage", rules[2], "index/analysis", module + "/ingest/block", true},
		{"server importing index", rules[3], "internal/server", module + "/index/link", true},
		{"server importing corpus", rules[3], "internal/server", module + "/internal/corpus", false},
		{"corpus importing gin", rules[0], "internal/corpus", "github.com/gin-gonic/gin", true},
		{"corpus importing x/text", rules[0], "internal/corpus", "golang.org/x/text/unicode/norm", false},
		{"web importing stdlib", rules[4], "web", "embed", false},
		{"ingest own subpackage", rules[1], "ingest", module + "/ingest/block", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.r.violation(tt.dir, tt.imp) != ""
			if got != tt.bad {
				t.Errorf("violation(%q, %q) = %v, want %v", tt.dir, tt.imp, got, tt.bad)
			}
		})
	}
}
