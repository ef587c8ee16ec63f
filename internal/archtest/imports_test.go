// Package archtest holds the tests that keep the import rule of the
// architecture: domain types depend on nothing, ingest and index never meet,
// only cmd wires concrete parts, and product code never reaches a test, load
// or bench harness. The rules hold for everything a package depends on, not
// only for what it imports itself, and for the tests too.
package archtest

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/strategispor/strategispor/internal/testutil"
)

const module = "github.com/strategispor/strategispor"

// harnesses are the packages that test, load or measure the product. Only
// tests and the tool commands may depend on them.
var harnesses = []string{
	"internal/testutil", "internal/crashtest", "internal/hostiletest", "internal/loadtest",
	"internal/searcheval", "internal/linkeval", "internal/archtest", "internal/bench", "internal/serveproc", "web/e2e",
}

// tools are the commands that are not the product binary: they may use
// harnesses.
var tools = []string{"cmd/strategispor-bench"}

// rule says what a package (and its subpackages) must not depend on,
// directly or through other packages.
type rule struct {
	pkg        string   // module-relative path prefix
	forbidden  []string // module-relative path prefixes it must not depend on
	stdlibOnly bool     // no third-party dependency at all
	allowExtra []string // third-party prefixes allowed despite stdlibOnly
	testsMay   []string // forbidden prefixes its tests may depend on all the same
}

var rules = []rule{
	{pkg: "internal/corpus", stdlibOnly: true, allowExtra: []string{"golang.org/x/text/"}, forbidden: []string{""}},
	{pkg: "ingest", forbidden: []string{"index", "internal/server", "internal/batch", "cmd"}},
	// The linker's tests read the seeds through the real ingest.
	{pkg: "index", forbidden: []string{"ingest", "internal/server", "internal/batch", "cmd"}, testsMay: []string{"ingest"}},
	// The server's tests drive the real router over a real index.
	{pkg: "internal/server", forbidden: []string{"ingest", "index", "internal/batch", "cmd", "seeds"},
		testsMay: []string{"ingest", "index", "internal/batch", "seeds"}},
	{pkg: "internal/batch", forbidden: []string{"index", "internal/server", "cmd"}, testsMay: []string{"index"}},
	{pkg: "web", stdlibOnly: true, forbidden: []string{""}, testsMay: []string{"internal/testutil"}},
	{pkg: "seeds", stdlibOnly: true, forbidden: []string{""}, testsMay: []string{"internal/testutil"}},
}

// pkgInfo is one loaded package: its module-relative path, whether it is a
// test variant, and the import paths of everything it depends on.
type pkgInfo struct {
	rel  string
	test bool
	deps []string
}

// load lists every package of the module, tests included, with its
// dependencies, through the go command.
func load(t *testing.T) []pkgInfo {
	cfg := &packages.Config{
		Mode:  packages.NeedName | packages.NeedImports | packages.NeedDeps,
		Tests: true,
		Dir:   testutil.RepoRoot(t),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var out []pkgInfo
	for _, p := range pkgs {
		if strings.HasSuffix(p.PkgPath, ".test") {
			continue // the generated test main
		}
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.ID, e)
		}
		rel, ok := relative(strings.TrimSuffix(p.PkgPath, "_test"))
		if !ok {
			continue
		}
		out = append(out, pkgInfo{rel: rel, test: p.ID != p.PkgPath, deps: closure(p)})
	}
	return out
}

// closure returns the import paths of everything p depends on.
func closure(p *packages.Package) []string {
	seen := map[string]bool{}
	var walk func(*packages.Package)
	walk = func(q *packages.Package) {
		for _, imp := range q.Imports {
			if !seen[imp.ID] {
				seen[imp.ID] = true
				walk(imp)
			}
		}
	}
	walk(p)
	paths := map[string]bool{}
	for id := range seen {
		path, _, _ := strings.Cut(id, " ") // "x [y.test]" is x built for y's tests
		paths[path] = true
	}
	out := make([]string, 0, len(paths))
	for path := range paths {
		out = append(out, path)
	}
	sort.Strings(out)
	return out
}

// relative turns a module import path into a module-relative one.
func relative(path string) (string, bool) {
	if path == module {
		return "", true
	}
	rel, ok := strings.CutPrefix(path, module+"/")
	return rel, ok
}

func TestImportRule(t *testing.T) {
	pkgs := load(t)
	if len(pkgs) < 20 {
		t.Fatalf("loaded only %d packages", len(pkgs))
	}
	for _, p := range pkgs {
		for _, msg := range check(p) {
			t.Error(msg)
		}
	}
}

// check returns every way p breaks the rules.
func check(p pkgInfo) []string {
	if inAny(p.rel, harnesses) || inAny(p.rel, tools) {
		return nil // harnesses and tools may wire and use anything
	}
	var msgs []string
	what := p.rel
	if p.test {
		what += " (tests)"
	}
	for _, d := range p.deps {
		if msg := reason(p, d); msg != "" {
			msgs = append(msgs, fmt.Sprintf("%s depends on %s: %s", what, d, msg))
		}
	}
	return msgs
}

// reason says which rule p breaks by depending on d, or "".
func reason(p pkgInfo, d string) string {
	for _, r := range rules {
		if !under(p.rel, r.pkg) {
			continue
		}
		if msg := r.violation(d, p.test); msg != "" {
			return msg
		}
	}
	if p.test {
		return "" // tests wire the real parts
	}
	rel, ok := relative(d)
	switch {
	case !ok:
		return ""
	case under(rel, "index") && !under(p.rel, "index") && !under(p.rel, "cmd"):
		return "only cmd wires the concrete index"
	case inAny(rel, harnesses):
		return "product code never depends on a test, load or bench harness"
	}
	return ""
}

// violation says how depending on imp breaks r, or "".
func (r rule) violation(imp string, test bool) string {
	if target, ok := relative(imp); ok {
		if under(target, r.pkg) {
			return "" // its own subpackages
		}
		if test && inAny(target, r.testsMay) {
			return ""
		}
		for _, f := range r.forbidden {
			if f == "" || under(target, f) {
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
	return r.pkg + " may depend only on the standard library"
}

// under reports whether the module-relative path p is prefix or inside it.
func under(p, prefix string) bool {
	return p == prefix || strings.HasPrefix(p, prefix+"/")
}

func inAny(p string, prefixes []string) bool {
	for _, x := range prefixes {
		if under(p, x) {
			return true
		}
	}
	return false
}

// isStdlib reports whether an import path belongs to the standard library:
// its first element has no dot.
func isStdlib(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}
